package nn

import "github.com/relegator/relegator/core/config"

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

	// acts and probs are Predict's buffers for one block of events.
	acts  *activations
	probs []float64
}

// Predicted classes returned by Classify.
const (
	ClassBackground = 0
	ClassSignal     = 1
	ClassRelegated  = 2
)

// predictBlock is the number of events Predict pushes through the network
// at a time; it bounds Predict's buffers whatever the number of events.
const predictBlock = 256

// NewModel returns a model of the given config model type around net,
// whose output width must match the type (see Outputs). Threshold starts
// at 0.5.
func NewModel(modelType string, net *Network) *Model {
	return &Model{Type: modelType, Net: net, Threshold: 0.5}
}

// outputsOf returns the output width of a model type, 0 for an unknown one.
func outputsOf(modelType string) int {
	switch modelType {
	case config.Relegator, config.RelegatorFactor, config.RelegatorDiff, config.RelegatorV2:
		return 3
	case config.BinarySoftmax, config.ModBinary:
		return 2
	case config.Regress:
		return 1
	}
	return 0
}

// Outputs returns the number of output probabilities per event: 3 for the
// relegator types (background, signal, relegated), 2 for the two-class
// softmax types and 1 for regress (the signal probability).
func (m *Model) Outputs() int {
	return m.Net.Outputs()
}

// Predict writes the output probabilities of the n events whose features
// are in x (row-major, n × inputs) into out (n × Outputs()). It works
// through blocks of at most 256 events with buffers it keeps, so it
// allocates only on its first call, and it is not safe for concurrent use.
func (m *Model) Predict(x []float64, n int, out []float64) {
	if m.acts == nil {
		m.acts = m.Net.newActivations(predictBlock)
	}
	k := m.Outputs()
	m.Net.logits(x, n, m.acts, out[:n*k])
	applyHead(out, out, n, k)
}

// Classify writes the signal probability and the predicted class
// (ClassBackground, ClassSignal or ClassRelegated) of the n events in x.
// pSig or class may be nil when only the other is needed. rule is
// config.Argmax or config.PSig, and any other value is read as Argmax.
// Under Argmax the largest output decides, ties going to the lower class,
// and a regress model calls an event signal when its output is at least
// Threshold. Under PSig an event is signal when its signal probability is
// at least 0.5, and otherwise the larger of the other outputs decides.
func (m *Model) Classify(x []float64, n int, rule string, pSig []float64, class []int) {
	in, k := m.Net.Inputs(), m.Outputs()
	if len(m.probs) < predictBlock*k {
		m.probs = make([]float64, predictBlock*k)
	}
	for start := 0; start < n; start += predictBlock {
		b := min(predictBlock, n-start)
		probs := m.probs[:b*k]
		m.Predict(x[start*in:(start+b)*in], b, probs)
		for i := 0; i < b; i++ {
			p := probs[i*k : (i+1)*k]
			if pSig != nil {
				pSig[start+i] = SignalProb(p)
			}
			if class != nil {
				class[start+i] = m.Decide(p, rule)
			}
		}
	}
}

// Decide returns the predicted class of one event with output
// probabilities p (one row of Predict's output) under rule, as Classify
// decides it.
func (m *Model) Decide(p []float64, rule string) int {
	ps := SignalProb(p)
	cut := 0.5
	if len(p) == 1 {
		if rule != config.PSig {
			cut = m.Threshold
		}
		if ps >= cut {
			return ClassSignal
		}
		return ClassBackground
	}
	if rule == config.PSig {
		if ps >= cut {
			return ClassSignal
		}
		if len(p) > ClassRelegated && p[ClassRelegated] > p[ClassBackground] {
			return ClassRelegated
		}
		return ClassBackground
	}
	return predicted(p)
}
