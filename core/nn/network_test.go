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
					net.backward(acts, coef, n, gw, gb, make([]float64, 2*maxWidth(net.Sizes)))
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

// TestDenseKernels compares the list-based kernels with plain loops over
// every input, for widths around the unrolling factor of 4.
func TestDenseKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	for in := 1; in <= 9; in++ {
		for out := 1; out <= 9; out++ {
			w := make([]float64, in*out)
			for i := range w {
				w[i] = 2*rng.Float64() - 1
			}
			a := make([]float64, in)
			for k := range a {
				// A third of the inputs are zero, as after a ReLU.
				if k%3 != 1 {
					a[k] = rng.Float64()
				}
			}
			dz := make([]float64, out)
			for j := range dz {
				dz[j] = 2*rng.Float64() - 1
			}
			nz := make([]int32, in)
			nz = nz[:compactNonzero(a, nz)]

			z := make([]float64, out)
			denseForward(w, a, nz, z)
			g := make([]float64, in*out)
			da := make([]float64, len(nz))
			allOut := make([]int32, out)
			for j := range allOut {
				allOut[j] = int32(j)
			}
			sparseBackward(w, g, a, out, nz, allOut, dz, da)
			for j := range out {
				want := 0.0
				for k := range in {
					want += a[k] * w[k*out+j]
				}
				if math.Abs(z[j]-want) > 1e-14 {
					t.Errorf("in %d out %d: z[%d] = %g, want %g", in, out, j, z[j], want)
				}
			}
			for k := range in {
				if a[k] == 0 {
					continue
				}
				for j := range out {
					if got, want := g[k*out+j], a[k]*dz[j]; got != want {
						t.Errorf("in %d out %d: g[%d,%d] = %g, want %g", in, out, k, j, got, want)
					}
				}
			}
			for c, k := range nz {
				wantDa := 0.0
				for j := range out {
					wantDa += w[int(k)*out+j] * dz[j]
				}
				if math.Abs(da[c]-wantDa) > 1e-14 {
					t.Errorf("in %d out %d: da for input %d = %g, want %g", in, out, k, da[c], wantDa)
				}
			}
		}
	}
}
