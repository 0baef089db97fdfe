// Package nn is the relegation classifier's network: a multilayer
// perceptron with ReLU hidden layers, every loss of the seed's model types
// with analytic gradients, Adam, and a resumable trainer.
package nn

// Network is a multilayer perceptron.
type Network struct {
	// TODO: layers, weights and reusable buffers.
}
