package signif

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"gonum.org/v1/gonum/integrate/quad"
)

// integrateWindow integrates the signal and background densities of m over
// the window numerically, as an independent check of the closed forms. The
// background density is 0 below m = 0.
func integrateWindow(mean, width, nSigmas, beta, min, max float64) (sig, bkg float64) {
	const n = 200
	min = math.Max(min, 0)
	gauss := func(m float64) float64 {
		u := (m - mean) / width
		return math.Exp(-u*u/2) / (width * math.Sqrt(2*math.Pi))
	}
	expo := func(m float64) float64 { return math.Exp(-m / beta) }
	lo, hi := mean-nSigmas*width, mean+nSigmas*width
	sig = quad.Fixed(gauss, lo, hi, n, quad.Legendre{}, 0)
	clo, chi := math.Max(lo, min), math.Min(hi, max)
	if clo < chi {
		bkg = quad.Fixed(expo, clo, chi, n, quad.Legendre{}, 0) /
			quad.Fixed(expo, min, max, n, quad.Legendre{}, 0)
	}
	return sig, bkg
}

func TestWindowEfficienciesQuadrature(t *testing.T) {
	cases := []struct {
		name                                 string
		mean, width, nSigmas, beta, min, max float64
	}{
		{"reference", 0.5, 0.03, 2.5, 0.6, 0, 1},
		{"one sigma", 0.5, 0.03, 1, 0.6, 0, 1},
		{"wide window", 0.5, 0.1, 3, 0.6, 0, 1},
		{"window past max", 0.95, 0.05, 2, 0.6, 0, 1},
		{"window past min", 0.02, 0.03, 2.5, 0.6, 0, 1},
		{"large beta", 0.5, 0.03, 2.5, 1e4, 0, 1},
		{"steep beta", 2, 0.2, 2.5, 0.05, 1, 5},
		{"range below zero", 0.5, 0.03, 2.5, 0.6, -0.5, 1},
		{"window below zero", 0.02, 0.03, 2.5, 0.6, -1, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sig, bkg := WindowEfficiencies(tc.mean, tc.width, tc.nSigmas, tc.beta, tc.min, tc.max)
			wantSig, wantBkg := integrateWindow(tc.mean, tc.width, tc.nSigmas, tc.beta, tc.min, tc.max)
			if math.Abs(sig-wantSig) > 1e-9 {
				t.Errorf("sig = %.12g, want %.12g", sig, wantSig)
			}
			if math.Abs(bkg-wantBkg) > 1e-9*math.Max(1, wantBkg) {
				t.Errorf("bkg = %.12g, want %.12g", bkg, wantBkg)
			}
		})
	}
}

func TestWindowEfficienciesRawSignificance(t *testing.T) {
	// At the reference configuration (N = 100000, f = 0.01) the expected
	// counts in the window give a raw significance of 8.26.
	sig, bkg := WindowEfficiencies(0.5, 0.03, 2.5, 0.6, 0, 1)
	n, f := 100000.0, 0.01
	z := Z(f*n*sig, (1-f)*n*bkg, "simple")
	if math.Abs(z-8.26) > 0.005 {
		t.Errorf("raw Z = %.4f, want 8.26", z)
	}
}

func TestWindowEfficienciesLimits(t *testing.T) {
	cases := []struct {
		name                                 string
		mean, width, nSigmas, beta, min, max float64
		sig, bkg                             float64
	}{
		{"infinite beta is uniform", 0.5, 0.1, 1, math.Inf(1), 0, 1, math.Erf(1 / math.Sqrt2), 0.2},
		{"window covers range", 0.5, 1, 10, 0.6, 0, 1, 1, 1},
		{"window outside range", 3, 0.1, 2, 0.6, 0, 1, math.Erf(2 / math.Sqrt2), 0},
		{"zero width", 0.5, 0, 2.5, 0.6, 0, 1, 0, 0},
		{"negative beta", 0.5, 0.03, 2.5, -1, 0, 1, math.Erf(2.5 / math.Sqrt2), 0},
		{"empty range", 0.5, 0.03, 2.5, 0.6, 1, 1, math.Erf(2.5 / math.Sqrt2), 0},
		{"NaN mean", math.NaN(), 0.03, 2.5, 0.6, 0, 1, math.Erf(2.5 / math.Sqrt2), 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sig, bkg := WindowEfficiencies(tc.mean, tc.width, tc.nSigmas, tc.beta, tc.min, tc.max)
			if math.Abs(sig-tc.sig) > 1e-12 {
				t.Errorf("sig = %g, want %g", sig, tc.sig)
			}
			if math.Abs(bkg-tc.bkg) > 1e-12 {
				t.Errorf("bkg = %g, want %g", bkg, tc.bkg)
			}
		})
	}
}

func TestWindowEfficienciesMatchGenerator(t *testing.T) {
	// The fraction of generated background events inside the window must
	// match the closed form, also when min_fom is below 0, where the
	// exponential has no events.
	const n = 200000
	for _, minFOM := range []float64{0, -0.5} {
		c := config.Default()
		c.MinFOM = minFOM
		d := data.GenerateClass(c, data.Background, n, rand.New(rand.NewPCG(3, 4)))
		inside := 0
		for _, m := range d.M {
			if m >= c.WindowLow() && m <= c.WindowHigh() {
				inside++
			}
		}
		got := float64(inside) / n
		_, want := WindowEfficiencies(c.MeanFOM, c.WidthFOM, c.NSigmas, c.BkgdBeta, c.MinFOM, c.MaxFOM)
		if sd := math.Sqrt(want * (1 - want) / n); math.Abs(got-want) > 4*sd {
			t.Errorf("min_fom %g: %.5f of generated background in the window, formula %.5f ± %.5f",
				minFOM, got, want, sd)
		}
	}
}
