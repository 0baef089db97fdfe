package eval

// Confusion is a confusion matrix of weighted event counts, indexed by truth
// class (0 background, 1 signal) and predicted class (nn.ClassBackground,
// nn.ClassSignal, nn.ClassRelegated). Models without a relegation output
// leave the last column at 0.
type Confusion [2][3]float64

// Result is the evaluation of a classifier on the analysis sample. Counts
// are sums of event weights, so they equal event numbers when the sample
// carries no weights.
type Result struct {
	// Rule is the selection rule that decided which events are signal,
	// config.Argmax or config.PSig.
	Rule string
	// Formula is the significance formula, config.Simple or config.Asimov.
	Formula string
	// WindowLow and WindowHigh bound the signal window of the feature of
	// merit; an event is in the window when WindowLow ≤ m ≤ WindowHigh.
	WindowLow, WindowHigh float64

	// NRawSig and NRawBkgd count the signal and background events in the
	// window, without selection, and RawZ is their significance.
	NRawSig, NRawBkgd, RawZ float64
	// NPassSig and NPassBkgd count the events in the window that the
	// classifier calls signal, and PassZ is their significance.
	NPassSig, NPassBkgd, PassZ float64

	// Accuracy is the fraction of all events whose predicted class is their
	// truth class. A relegated event counts as wrong.
	Accuracy float64
	// AccuracyWindow is Accuracy over the events in the window.
	AccuracyWindow float64
	// DecidedAccuracy is the accuracy over the events that are not
	// relegated, 0 when every event is.
	DecidedAccuracy float64
	// RelegatedFraction is the fraction of all events that are relegated,
	// RelegatedFractionWindow that of the events in the window.
	RelegatedFraction, RelegatedFractionWindow float64

	// Confusion is taken over all events, ConfusionWindow over the events
	// in the window.
	Confusion, ConfusionWindow Confusion
	// NEvents counts all events and NWindow those in the window.
	NEvents, NWindow float64
}
