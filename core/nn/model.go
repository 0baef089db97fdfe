package nn

// Model is a network with the output head of its model type: softmax over
// background, signal and relegated for the relegator types, a two-class
// softmax for binary_softmax and mod_binary, one sigmoid for regress.
type Model struct {
	// Type is the config model type, for example "relegator".
	Type string
	// Net is the multilayer perceptron.
	Net *Network
	// Threshold is the signal cut on the sigmoid output of a regress model,
	// chosen on the validation part after training; other types ignore it.
	Threshold float64
}

// Predicted classes returned by Classify.
const (
	ClassBackground = 0
	ClassSignal     = 1
	ClassRelegated  = 2
)

// Outputs returns the number of output probabilities per event: 3 for the
// relegator types (background, signal, relegated), 2 for the two-class
// softmax types and 1 for regress (the signal probability).
func (m *Model) Outputs() int {
	panic("nn: Outputs not implemented yet")
}

// Predict writes the output probabilities of the n events whose features
// are in x (row-major, n × inputs) into out (n × Outputs()). It reuses
// internal buffers, so it allocates only when n grows, and it is not safe
// for concurrent use.
func (m *Model) Predict(x []float64, n int, out []float64) {
	panic("nn: Predict not implemented yet")
}

// Classify writes the signal probability and the predicted class
// (ClassBackground, ClassSignal or ClassRelegated) of the n events in x.
// rule is config.Argmax or config.PSig. Under Argmax an event is signal
// when its signal output is the largest (regress: when it passes
// Threshold); under PSig when its signal probability is at least 0.5, and
// otherwise the larger of the other outputs decides.
func (m *Model) Classify(x []float64, n int, rule string, pSig []float64, class []int) {
	panic("nn: Classify not implemented yet")
}
