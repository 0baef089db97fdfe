package eval

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/nn"
	"gonum.org/v1/gonum/integrate/quad"
)

// selectAllModel returns a relegator that calls every event signal.
func selectAllModel(t testing.TB) *nn.Model {
	return linearModel(t, config.Relegator, make([]float64, 6), []float64{0, 100, 0})
}

// rightHalfModel returns a two-class softmax that calls an event signal
// when x1 > 0.
func rightHalfModel(t testing.TB) *nn.Model {
	return linearModel(t, config.BinarySoftmax, []float64{0, 1000, 0, 0}, []float64{0, 0})
}

func TestExpectedPassSelectAll(t *testing.T) {
	e, err := ExpectedPass(selectAllModel(t), config.Default(), 1000, 1)
	if err != nil {
		t.Fatal(err)
	}
	if e.EffSelSig != 1 || e.EffSelBkgd != 1 {
		t.Errorf("selection efficiencies %g, %g, want 1, 1", e.EffSelSig, e.EffSelBkgd)
	}
	if e.S != e.RawS || e.B != e.RawB || e.Z != e.RawZ {
		t.Errorf("S, B, Z = %g, %g, %g differ from raw %g, %g, %g", e.S, e.B, e.Z, e.RawS, e.RawB, e.RawZ)
	}
	// The raw significance of the reference configuration is 8.26.
	if math.Abs(e.RawZ-8.26) > 0.005 {
		t.Errorf("raw Z = %.4f, want 8.26", e.RawZ)
	}
}

func TestExpectedPassHalfPlaneQuadrature(t *testing.T) {
	// The right half-plane x1 > 0 keeps a moon point at arc angle t with
	// probability Φ(x1(t) / noise), because the noise is isotropic and so
	// survives the rotation of the background. Averaging over t gives the
	// selection efficiencies to compare with.
	const n = 100000
	for _, noise := range []float64{0.2, 0.6} {
		c := config.Default()
		c.Noise = noise
		cdf := func(u float64) float64 { return 0.5 * math.Erfc(-u/(noise*math.Sqrt2)) }
		sigX := func(t float64) float64 { return cdf(1 - math.Cos(t)) }
		bkgdX := func(t float64) float64 { return cdf(math.Cos(t - c.Angle)) }
		wantSig := quad.Fixed(sigX, 0, math.Pi, 100, quad.Legendre{}, 0) / math.Pi
		wantBkgd := quad.Fixed(bkgdX, 0, math.Pi, 100, quad.Legendre{}, 0) / math.Pi

		e, err := ExpectedPass(rightHalfModel(t), c, n, 7)
		if err != nil {
			t.Fatal(err)
		}
		if d := math.Abs(e.EffSelSig - wantSig); d > 4*e.EffSelSigErr+1e-4 {
			t.Errorf("noise %g: signal efficiency %.5f ± %.5f, quadrature %.5f",
				noise, e.EffSelSig, e.EffSelSigErr, wantSig)
		}
		if d := math.Abs(e.EffSelBkgd - wantBkgd); d > 4*e.EffSelBkgdErr+1e-4 {
			t.Errorf("noise %g: background efficiency %.5f ± %.5f, quadrature %.5f",
				noise, e.EffSelBkgd, e.EffSelBkgdErr, wantBkgd)
		}
		wantS := c.SigFraction * float64(c.WeightedNEvents) * e.EffWindowSig * e.EffSelSig
		if math.Abs(e.S-wantS) > 1e-9*wantS {
			t.Errorf("noise %g: S = %g, want %g", noise, e.S, wantS)
		}
	}
}

func TestExpectedPassSeeded(t *testing.T) {
	c := config.Default()
	a, err := ExpectedPass(quadrantModel(t), c, 5000, 3)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ExpectedPass(quadrantModel(t), c, 5000, 3)
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Errorf("same seed gives %+v and %+v", a, b)
	}
	other, err := ExpectedPass(quadrantModel(t), c, 5000, 4)
	if err != nil {
		t.Fatal(err)
	}
	if other.EffSelSig == a.EffSelSig && other.EffSelBkgd == a.EffSelBkgd {
		t.Errorf("seeds 3 and 4 give the same efficiencies %g, %g", a.EffSelSig, a.EffSelBkgd)
	}
}

func TestExpectedPassRejectsBadInput(t *testing.T) {
	cases := []struct {
		name   string
		model  *nn.Model
		n      int
		change func(*config.Config)
	}{
		{"missing model", nil, 10, func(*config.Config) {}},
		{"no events", quadrantModel(t), 0, func(*config.Config) {}},
		{"unknown rule", quadrantModel(t), 10, func(c *config.Config) { c.Selection = "any" }},
		{"fraction above 1", quadrantModel(t), 10, func(c *config.Config) { c.SigFraction = 2 }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := config.Default()
			tc.change(&c)
			if _, err := ExpectedPass(tc.model, c, tc.n, 1); err == nil {
				t.Error("no error")
			}
		})
	}
}

func BenchmarkExpectedPass(b *testing.B) {
	net, err := nn.NewNetwork([]int{2, 40, 40, 20, 3}, true, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		b.Fatal(err)
	}
	model := nn.NewModel(config.Relegator, net)
	for _, n := range []int{20000, DefaultPerClass} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := ExpectedPass(model, config.Default(), n, 1); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
