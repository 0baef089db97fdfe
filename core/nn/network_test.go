package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestNetworkGradient checks backpropagation through dense ReLU layers,
// with and without biases, for a loss linear in the logits.
func TestNetworkGradient(t *testing.T) {
	cases := []struct {
		sizes []int
		bias  bool
	}{
		{[]int{3, 2}, true},
		{[]int{3, 2}, false},
		{[]int{2, 7, 3}, true},
		{[]int{2, 7, 3}, false},
		{[]int{4, 9, 6, 5, 1}, true},
		{[]int{4, 9, 6, 5, 1}, false},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.sizes, " bias=", c.bias), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(5, 6))
			net, err := newNetwork(c.sizes, c.bias, rng, heUniform)
			if err != nil {
				t.Fatal(err)
			}
			if c.bias {
				// Nonzero biases, so their gradient is tested at a
				// general point.
				for _, b := range net.B {
					for i := range b {
						b[i] = 0.2 * (2*rng.Float64() - 1)
					}
				}
			}
			n := 10
			acts := net.newActivations(n)
			x := make([]float64, n*c.sizes[0])
			for i := range x {
				x[i] = 2*rng.Float64() - 1
			}
			k := net.Outputs()
			coef := make([]float64, n*k)
			for i := range coef {
				coef[i] = 2*rng.Float64() - 1
			}
			f := func(p, grad []float64) float64 {
				copy(net.Params, p)
				copy(acts.a[0], x)
				net.forward(acts, n)
				if grad != nil {
					clear(grad)
					gw, gb := splitParams(grad, net.Sizes, net.Bias)
					net.backward(acts, coef, n, gw, gb, make([]float64, net.backwardWork()))
				}
				return dot(coef, acts.a[len(acts.a)-1])
			}
			checkGradient(t, f, append([]float64(nil), net.Params...))
		})
	}
}

func TestNewNetworkRejectsBadSizes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, sizes := range [][]int{nil, {2}, {2, 0, 3}, {-1, 3}} {
		if _, err := NewNetwork(sizes, true, rng); err == nil {
			t.Errorf("NewNetwork(%v) returned no error", sizes)
		}
	}
}

// TestLayerKernels compares the list-based layer kernels with plain loops
// over every input and output, for widths around the unrolling factors
// and for two events per block.
func TestLayerKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	const n = 2
	for in := 1; in <= 21; in++ {
		for out := 1; out <= 9; out++ {
			w := make([]float64, in*out)
			for i := range w {
				w[i] = 2*rng.Float64() - 1
			}
			b := make([]float64, out)
			for j := range b {
				b[j] = rng.Float64()
			}
			// A third of the inputs are zero, as after a ReLU.
			a := make([]float64, n*in)
			nz := make([]int32, n*in)
			count := make([]int32, n)
			for i := range n {
				for k := range in {
					if (k+i)%3 != 1 {
						a[i*in+k] = rng.Float64()
					}
				}
				count[i] = compactNonzero(a[i*in:(i+1)*in], nz[i*in:(i+1)*in])
			}
			z := make([]float64, n*out)
			nzOut := make([]int32, n*out)
			countOut := make([]int32, n)
			forwardLayer(w, b, in, a, nz, count, z, nzOut, countOut)

			// Derivatives for every output, and then for the positive
			// outputs only, as below a ReLU.
			dz := make([]float64, n*out)
			for i := range dz {
				dz[i] = 2*rng.Float64() - 1
			}
			dzCompact := make([]float64, n*out)
			for i := range n {
				for c, j := range nzOut[i*out : i*out+int(countOut[i])] {
					dzCompact[i*out+c] = dz[i*out+int(j)]
				}
			}
			for _, compact := range []bool{false, true} {
				g := make([]float64, in*out)
				gb := make([]float64, out)
				da := make([]float64, n*in)
				if compact {
					backwardLayer(w, g, gb, in, out, a, nz, count, nzOut, countOut, dzCompact, da)
				} else {
					backwardLayer(w, g, gb, in, out, a, nz, count, nil, nil, dz, da)
				}
				wantG := make([]float64, in*out)
				wantGb := make([]float64, out)
				for i := range n {
					for j := range out {
						d := dz[i*out+j]
						if compact && !(z[i*out+j] > 0) {
							d = 0
						}
						wantGb[j] += d
						for k := range in {
							wantG[k*out+j] += a[i*in+k] * d
						}
					}
					for c, k := range nz[i*in : i*in+int(count[i])] {
						want := 0.0
						for j := range out {
							d := dz[i*out+j]
							if compact && !(z[i*out+j] > 0) {
								d = 0
							}
							want += w[int(k)*out+j] * d
						}
						if got := da[i*in+c]; math.Abs(got-want) > 1e-13 {
							t.Errorf("in %d out %d compact %v: da of event %d input %d = %g, want %g", in, out, compact, i, k, got, want)
						}
					}
				}
				for i := range wantG {
					if math.Abs(g[i]-wantG[i]) > 1e-13 {
						t.Errorf("in %d out %d compact %v: g[%d] = %g, want %g", in, out, compact, i, g[i], wantG[i])
					}
				}
				for j := range wantGb {
					if math.Abs(gb[j]-wantGb[j]) > 1e-13 {
						t.Errorf("in %d out %d compact %v: gb[%d] = %g, want %g", in, out, compact, j, gb[j], wantGb[j])
					}
				}
			}

			for i := range n {
				for j := range out {
					want := b[j]
					for k := range in {
						want += a[i*in+k] * w[k*out+j]
					}
					if got := z[i*out+j]; math.Abs(got-want) > 1e-13 {
						t.Errorf("in %d out %d: z of event %d output %d = %g, want %g", in, out, i, j, got, want)
					}
				}
				list := nzOut[i*out : i*out+int(countOut[i])]
				positive := 0
				for j := range out {
					if z[i*out+j] > 0 {
						positive++
					}
				}
				if len(list) != positive {
					t.Errorf("in %d out %d: %d outputs listed, %d positive", in, out, len(list), positive)
				}
				for _, j := range list {
					if !(z[i*out+int(j)] > 0) {
						t.Errorf("in %d out %d: listed output %d is %g", in, out, j, z[i*out+int(j)])
					}
				}
			}
		}
	}
}

// dot returns the inner product of x and y, which have the same length.
func dot(x, y []float64) float64 {
	s := 0.0
	for i, v := range y {
		s += x[i] * v
	}
	return s
}
