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
	Rule string `json:"rule"`
	// Formula is the significance formula, config.Simple or config.Asimov.
	Formula string `json:"formula"`
	// WindowLow and WindowHigh bound the signal window of the feature of
	// merit; an event is in the window when WindowLow ≤ m ≤ WindowHigh.
	WindowLow  float64 `json:"window_low"`
	WindowHigh float64 `json:"window_high"`

	// NRawSig and NRawBkgd count the signal and background events in the
	// window, without selection, and RawZ is their significance.
	NRawSig  float64 `json:"n_raw_sig"`
	NRawBkgd float64 `json:"n_raw_bkgd"`
	RawZ     float64 `json:"raw_z"`
	// NPassSig and NPassBkgd count the events in the window that the
	// classifier calls signal, and PassZ is their significance.
	NPassSig  float64 `json:"n_pass_sig"`
	NPassBkgd float64 `json:"n_pass_bkgd"`
	PassZ     float64 `json:"pass_z"`

	// Accuracy is the fraction of all events whose predicted class is their
	// truth class. A relegated event counts as wrong.
	Accuracy float64 `json:"accuracy"`
	// AccuracyWindow is Accuracy over the events in the window.
	AccuracyWindow float64 `json:"accuracy_window"`
	// DecidedAccuracy is the accuracy over the events that are not
	// relegated, 0 when every event is.
	DecidedAccuracy float64 `json:"decided_accuracy"`
	// RelegatedFraction is the fraction of all events that are relegated,
	// RelegatedFractionWindow that of the events in the window.
	RelegatedFraction       float64 `json:"relegated_fraction"`
	RelegatedFractionWindow float64 `json:"relegated_fraction_window"`

	// Confusion is taken over all events, ConfusionWindow over the events
	// in the window.
	Confusion       Confusion `json:"confusion"`
	ConfusionWindow Confusion `json:"confusion_window"`
	// NEvents counts all events and NWindow those in the window.
	NEvents float64 `json:"n_events"`
	NWindow float64 `json:"n_window"`
}
