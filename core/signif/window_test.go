package signif

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
)

// integrateWindow integrates the signal and background densities of m over
// the window numerically, as an independent check of the closed forms.
func integrateWindow(mean, width, nSigmas, beta, min, max float64) (sig, bkg float64) {
	const n = 200
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
