// Package nn is the relegation classifier's network: a multilayer
// perceptron with ReLU hidden layers, every loss of the seed's model types
// with analytic gradients, Adam, and a resumable trainer.
package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Network is a multilayer perceptron: dense layers with ReLU between them
// and no activation after the last one, whose outputs are the logits that
// the model's head turns into probabilities.
//
// Layer l maps Sizes[l] inputs to Sizes[l+1] outputs as z = a·W + b. Its
// weights W[l] are stored in×out row-major, so row k holds the weights
// leaving input k and the forward pass of one event adds a[k]·W[l][k] for
// every input k.
type Network struct {
	// Sizes are the layer widths: inputs, hidden widths, outputs.
	Sizes []int
	// Bias reports whether the layers add a bias vector.
	Bias bool
	// Params holds every weight and bias, layer after layer: first W[l],
	// then B[l] when Bias is set. Adam updates it as one vector.
	Params []float64
	// W[l] is the weight matrix of layer l, a view into Params.
	W [][]float64
	// B[l] is the bias vector of layer l, a view into Params; nil without
	// Bias.
	B [][]float64
}

// initScheme selects how NewNetwork draws the initial weights.
type initScheme int

const (
	// glorotUniform draws from U(-r, r) with r = sqrt(6/(fan_in+fan_out)),
	// the default of Keras Dense layers and so of the seed's models.
	glorotUniform initScheme = iota
	// heUniform draws from U(-r, r) with r = sqrt(6/fan_in), suited to
	// ReLU layers.
	heUniform
)

// defaultInit is the scheme NewNetwork uses.
const defaultInit = glorotUniform

// NewNetwork returns a network with the given layer widths (inputs, hidden
// widths, outputs), every width at least 1. Weights are drawn from rng by
// Glorot-uniform initialisation, U(-r, r) with r = sqrt(6/(fan_in +
// fan_out)), the Keras default; biases start at 0.
func NewNetwork(sizes []int, bias bool, rng *rand.Rand) (*Network, error) {
	return newNetwork(sizes, bias, rng, defaultInit)
}

func newNetwork(sizes []int, bias bool, rng *rand.Rand, scheme initScheme) (*Network, error) {
	if len(sizes) < 2 {
		return nil, fmt.Errorf("network with %d layer widths: need inputs and outputs", len(sizes))
	}
	total := 0
	for l, s := range sizes {
		if s < 1 {
			return nil, fmt.Errorf("layer width %d at position %d: must be ≥ 1", s, l)
		}
		if l+1 < len(sizes) {
			total += s * sizes[l+1]
			if bias {
				total += sizes[l+1]
			}
		}
	}
	net := &Network{
		Sizes:  append([]int(nil), sizes...),
		Bias:   bias,
		Params: make([]float64, total),
	}
	net.W, net.B = splitParams(net.Params, sizes, bias)
	for l, w := range net.W {
		in, out := float64(sizes[l]), float64(sizes[l+1])
		r := math.Sqrt(6 / (in + out))
		if scheme == heUniform {
			r = math.Sqrt(6 / in)
		}
		for i := range w {
			w[i] = r * (2*rng.Float64() - 1)
		}
	}
	return net, nil
}

// splitParams cuts a parameter vector laid out like Network.Params into
// per-layer weight and bias views.
func splitParams(p []float64, sizes []int, bias bool) (w, b [][]float64) {
	w = make([][]float64, len(sizes)-1)
	b = make([][]float64, len(sizes)-1)
	off := 0
	for l := range w {
		n := sizes[l] * sizes[l+1]
		w[l] = p[off : off+n : off+n]
		off += n
		if bias {
			n = sizes[l+1]
			b[l] = p[off : off+n : off+n]
			off += n
		}
	}
	return w, b
}

// Inputs returns the number of input features.
func (net *Network) Inputs() int { return net.Sizes[0] }

// Outputs returns the number of logits per event.
func (net *Network) Outputs() int { return net.Sizes[len(net.Sizes)-1] }

// newActivations returns one buffer per layer for n events: acts[0] for
// the inputs, acts[l] n × Sizes[l].
func (net *Network) newActivations(n int) [][]float64 {
	acts := make([][]float64, len(net.Sizes))
	for l, s := range net.Sizes {
		acts[l] = make([]float64, n*s)
	}
	return acts
}

// forward fills acts[1:] for the n events whose inputs are in acts[0]:
// ReLU activations for the hidden layers and logits in the last. Inputs
// that are 0 (ReLU zeros, dropped features) are skipped.
func (net *Network) forward(acts [][]float64, n int) {
	for l, w := range net.W {
		in, out := net.Sizes[l], net.Sizes[l+1]
		a := acts[l][: n*in : n*in]
		z := acts[l+1][: n*out : n*out]
		hidden := l+1 < len(net.W)
		for i := 0; i < n; i++ {
			ai := a[i*in : (i+1)*in : (i+1)*in]
			zi := z[i*out : (i+1)*out : (i+1)*out]
			if net.Bias {
				copy(zi, net.B[l])
			} else {
				clear(zi)
			}
			for k, v := range ai {
				if v != 0 {
					axpy(v, w[k*out:(k+1)*out], zi)
				}
			}
			if hidden {
				relu(zi)
			}
		}
	}
}

// backward adds to grad (laid out like Params) the gradient of a loss
// whose derivatives with respect to the logits of the n events are dOut
// (n × outputs), using the activations that forward left in acts. The
// events are processed one at a time through every layer, so each event's
// activations are read once. work must hold 2 × the widest layer.
func (net *Network) backward(acts [][]float64, dOut []float64, n int, gw, gb [][]float64, work []float64) {
	widest := 0
	for _, s := range net.Sizes {
		widest = max(widest, s)
	}
	bufA := work[:widest:widest]
	bufB := work[widest : 2*widest : 2*widest]
	last := len(net.W) - 1
	nOut := net.Sizes[last+1]
	for i := 0; i < n; i++ {
		dz := dOut[i*nOut : (i+1)*nOut : (i+1)*nOut]
		for l := last; l >= 0; l-- {
			in, out := net.Sizes[l], net.Sizes[l+1]
			ai := acts[l][i*in : (i+1)*in : (i+1)*in]
			g := gw[l][: in*out : in*out]
			for k, v := range ai {
				if v != 0 {
					axpy(v, dz, g[k*out:(k+1)*out])
				}
			}
			if net.Bias {
				add(dz, gb[l])
			}
			if l == 0 {
				break
			}
			// The input of layer l is the ReLU output of layer l-1, so
			// its derivative is zero wherever that output is zero.
			w := net.W[l]
			da := bufA[:in:in]
			for k, v := range ai {
				if v > 0 {
					da[k] = dot(w[k*out:(k+1)*out], dz)
				} else {
					da[k] = 0
				}
			}
			dz = da
			bufA, bufB = bufB, bufA
		}
	}
}

// logits writes the logits of the n events whose inputs are in x into out
// (n × outputs), working through blocks of the events that acts (from
// newActivations) has room for. acts[0] and the last buffer are pointed at
// x and out while it runs, so nothing is copied.
func (net *Network) logits(x []float64, n int, acts [][]float64, out []float64) {
	last := len(acts) - 1
	in, k := net.Inputs(), net.Outputs()
	block := len(acts[last]) / k
	saved0, savedLast := acts[0], acts[last]
	for start := 0; start < n; start += block {
		b := min(block, n-start)
		acts[0] = x[start*in : (start+b)*in]
		acts[last] = out[start*k : (start+b)*k]
		net.forward(acts, b)
	}
	acts[0], acts[last] = saved0, savedLast
}
