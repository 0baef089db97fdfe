package nn

import (
	"fmt"
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
				copy(acts[0], x)
				net.forward(acts, n)
				if grad != nil {
					clear(grad)
					gw, gb := splitParams(grad, net.Sizes, net.Bias)
					net.backward(acts, coef, n, gw, gb, make([]float64, 2*maxWidth(net.Sizes)))
				}
				return dot(coef, acts[len(acts)-1])
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

func TestKernels(t *testing.T) {
	for n := 0; n < 11; n++ {
		x := make([]float64, n)
		y := make([]float64, n)
		for i := range x {
			x[i] = float64(i + 1)
			y[i] = float64(2*i - 3)
		}
		wantDot := 0.0
		for i := range x {
			wantDot += x[i] * y[i]
		}
		if got := dot(x, y); got != wantDot {
			t.Errorf("n=%d: dot %g, want %g", n, got, wantDot)
		}
		want := make([]float64, n)
		for i := range y {
			want[i] = y[i] + 0.5*x[i]
		}
		axpy(0.5, x, y)
		for i := range y {
			if y[i] != want[i] {
				t.Errorf("n=%d: axpy element %d = %g, want %g", n, i, y[i], want[i])
			}
		}
	}
}
