// Package nn is the relegation classifier's network: a multilayer
// perceptron with ReLU hidden layers, the losses of the seven model types
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
// leaving input k and the forward pass of one event adds a[k] times row k
// for every nonzero input k.
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

	// zero is a bias of zeros for networks without Bias.
	zero []float64
}

// initScheme selects how NewNetwork draws the initial weights.
type initScheme int

const (
	// glorotUniform draws from U(-r, r) with r = sqrt(6/(fan_in+fan_out)),
	// the default of Keras Dense layers, which the TensorFlow research
	// code this product reproduces used.
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
// fan_out)), the Keras default; biases start at 0. The trainer can draw
// He-uniform weights instead (config.Init).
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
	widest := 0
	for _, s := range sizes {
		widest = max(widest, s)
	}
	net.zero = make([]float64, widest)
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

// activations are the per-layer buffers of a forward pass over a block of
// events, kept for the backward pass. a[l] is n × Sizes[l], batch-major
// and row-major: a[0] the inputs, a[l] for hidden l the outputs before
// the ReLU and the last the logits. For every layer l that feeds another,
// nz[l] holds per event the indices of the nonzero inputs (l = 0) or of
// the positive outputs (hidden l), Sizes[l] slots per event of which
// count[l] are used. Those lists are the ReLU: nothing reads a hidden
// activation outside them.
type activations struct {
	a     [][]float64
	nz    [][]int32
	count [][]int32
	// n is the number of events the buffers have room for.
	n int
}

// newActivations returns buffers for a forward pass over up to n events.
func (net *Network) newActivations(n int) *activations {
	L := len(net.Sizes)
	s := &activations{
		a:     make([][]float64, L),
		nz:    make([][]int32, L-1),
		count: make([][]int32, L-1),
		n:     n,
	}
	for l, w := range net.Sizes {
		s.a[l] = make([]float64, n*w)
		if l < L-1 {
			s.nz[l] = make([]int32, n*w)
			s.count[l] = make([]int32, n)
		}
	}
	return s
}

// blockSize is the number of events that forward and backward take
// through one layer before moving to the next: enough to spread the cost
// of a kernel call, few enough that a block's activations stay in cache.
const blockSize = 64

// forward fills the activations of the n events whose inputs are in
// s.a[0], with their lists of nonzero inputs and positive hidden outputs.
func (net *Network) forward(s *activations, n int) {
	net.forwardRange(s, 0, n)
}

// forwardRange runs forward for the events lo to hi-1 of s only. Each
// event's results depend on its own inputs alone, so a pass split into
// ranges gives the same values as one pass over all events.
func (net *Network) forwardRange(s *activations, lo, hi int) {
	last := len(net.W) - 1
	in0 := net.Sizes[0]
	for start := lo; start < hi; start += blockSize {
		end := min(start+blockSize, hi)
		for i := start; i < end; i++ {
			s.count[0][i] = compactNonzero(s.a[0][i*in0:(i+1)*in0], s.nz[0][i*in0:(i+1)*in0])
		}
		for l, w := range net.W {
			in, out := net.Sizes[l], net.Sizes[l+1]
			b := net.zero[:out]
			if net.Bias {
				b = net.B[l]
			}
			var nzNext, countNext []int32
			if l < last {
				nzNext = s.nz[l+1][start*out : end*out]
				countNext = s.count[l+1][start:end]
			}
			forwardLayer(w, b, in, s.a[l][start*in:end*in], s.nz[l][start*in:end*in], s.count[l][start:end],
				s.a[l+1][start*out:end*out], nzNext, countNext)
		}
	}
}

// backwardWork returns the length of the work buffer backward needs.
func (net *Network) backwardWork() int {
	widest := 0
	for _, w := range net.Sizes {
		widest = max(widest, w)
	}
	return 2 * blockSize * widest
}

// backward adds the gradient of a loss to the gradient views gw and gb
// (laid out like W and B). dOut holds the derivatives of the loss with
// respect to the logits of the n events (n × outputs), and s the
// activations that forward left. Below the output layer the derivatives
// are carried in compact form, only for the active ReLU units. work must
// hold backwardWork() elements.
func (net *Network) backward(s *activations, dOut []float64, n int, gw, gb [][]float64, work []float64) {
	net.backwardRange(s, dOut, 0, n, gw, gb, work)
}

// backwardRange runs backward for the events lo to hi-1 of s and dOut
// only. The kernels add each event's terms to a gradient element in event
// order, so passes over consecutive ranges, in order, leave the same bits
// in gw and gb as one pass over all of them.
func (net *Network) backwardRange(s *activations, dOut []float64, lo, hi int, gw, gb [][]float64, work []float64) {
	half := len(work) / 2
	bufA, bufB := work[:half:half], work[half:]
	last := len(net.W) - 1
	nOut := net.Sizes[last+1]
	for start := lo; start < hi; start += blockSize {
		end := min(start+blockSize, hi)
		dz := dOut[start*nOut : end*nOut]
		var nzOut, countOut []int32
		for l := last; l >= 0; l-- {
			in, out := net.Sizes[l], net.Sizes[l+1]
			var da []float64
			if l > 0 {
				// The input of layer l is the ReLU output of layer l-1,
				// so its derivative is zero wherever that output is zero
				// and only the inputs in its list carry one.
				da = bufA[:(end-start)*in]
			}
			backwardLayer(net.W[l], gw[l], gb[l], in, out, s.a[l][start*in:end*in],
				s.nz[l][start*in:end*in], s.count[l][start:end], nzOut, countOut, dz, da)
			if l > 0 {
				dz, nzOut, countOut = da, s.nz[l][start*in:end*in], s.count[l][start:end]
				bufA, bufB = bufB, bufA
			}
		}
	}
}

// logits writes the logits of the n events whose inputs are in x into out
// (n × outputs), in blocks of the events that s has room for. s.a[0] and
// the last buffer are pointed at x and out while it runs, so nothing is
// copied.
func (net *Network) logits(x []float64, n int, s *activations, out []float64) {
	last := len(s.a) - 1
	in, k := net.Inputs(), net.Outputs()
	saved0, savedLast := s.a[0], s.a[last]
	for start := 0; start < n; start += s.n {
		b := min(s.n, n-start)
		s.a[0] = x[start*in : (start+b)*in]
		s.a[last] = out[start*k : (start+b)*k]
		net.forward(s, b)
	}
	s.a[0], s.a[last] = saved0, savedLast
}
