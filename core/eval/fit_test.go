package eval

import (
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// peakOverExponential returns a histogram of nSig Normal(mu, sigma) and
// nBkgd exponential (scale beta, truncated to [0, 1]) masses, and the
// parameters A, Mu, Sigma, C and Lambda that a fit should find.
func peakOverExponential(nSig, nBkgd int, mu, sigma, beta float64, seed uint64) (Hist, [5]float64) {
	rng := rand.New(rand.NewPCG(seed, 11))
	h := newHist(0, 1, BinCount(nSig+nBkgd))
	for range nSig {
		h.Fill(mu+sigma*rng.NormFloat64(), 1)
	}
	for range nBkgd {
		m := beta * rng.ExpFloat64()
		for m > 1 {
			m = beta * rng.ExpFloat64()
		}
		h.Fill(m, 1)
	}
	// Per-bin heights: events times bin width times the density's peak.
	w := h.Width()
	want := [5]float64{
		float64(nSig) * w / (sigma * math.Sqrt(2*math.Pi)),
		mu,
		sigma,
		float64(nBkgd) * w / (beta * -math.Expm1(-1/beta)),
		1 / beta,
	}
	return h, want
}

func TestFitMassRecoversParameters(t *testing.T) {
	cases := []struct {
		name              string
		nSig, nBkgd       int
		mu, sigma, beta   float64
		configMu, configW float64
	}{
		{"reference sample", 1000, 99000, 0.5, 0.03, 0.6, 0.5, 0.03},
		{"strong peak", 5000, 20000, 0.5, 0.03, 0.6, 0.5, 0.03},
		{"peak off the start", 3000, 50000, 0.55, 0.04, 0.4, 0.5, 0.03},
	}
	names := [5]string{"A", "Mu", "Sigma", "C", "Lambda"}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := config.Default()
			c.MeanFOM, c.WidthFOM = tc.configMu, tc.configW
			for seed := range uint64(3) {
				h, want := peakOverExponential(tc.nSig, tc.nBkgd, tc.mu, tc.sigma, tc.beta, seed)
				fit, err := FitMass(h, c)
				if err != nil {
					t.Fatal(err)
				}
				if !fit.HasErrors {
					t.Fatal("fit has no errors")
				}
				got := [5]float64{fit.A, fit.Mu, fit.Sigma, fit.C, fit.Lambda}
				errs := [5]float64{fit.AErr, fit.MuErr, fit.SigmaErr, fit.CErr, fit.LambdaErr}
				for j := range got {
					if pull := (got[j] - want[j]) / errs[j]; math.Abs(pull) > 4 {
						t.Errorf("seed %d: %s = %.5g ± %.2g, want %.5g (pull %.1f)",
							seed, names[j], got[j], errs[j], want[j], pull)
					}
				}
			}
		})
	}
}

func TestFitMassResiduals(t *testing.T) {
	h, _ := peakOverExponential(2000, 50000, 0.5, 0.03, 0.6, 1)
	fit, err := FitMass(h, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	var excess float64
	for i, n := range h.Counts {
		m := h.Centre(i)
		if fit.Centres[i] != m {
			t.Fatalf("centre %d = %g, want %g", i, fit.Centres[i], m)
		}
		// The background of a bin is C exp(-Lambda m) averaged over the bin.
		w := h.Width()
		bkgd := fit.C * (math.Exp(-fit.Lambda*(m-w/2)) - math.Exp(-fit.Lambda*(m+w/2))) / (fit.Lambda * w)
		if math.Abs(fit.Background[i]-bkgd) > 1e-9*bkgd {
			t.Errorf("background %d = %g, want %g", i, fit.Background[i], bkgd)
		}
		if r := n - fit.Background[i]; fit.Residuals[i] != r {
			t.Errorf("residual %d = %g, want %g", i, fit.Residuals[i], r)
		}
		if e := math.Sqrt(n); fit.ResidualErrs[i] != e {
			t.Errorf("residual error %d = %g, want %g", i, fit.ResidualErrs[i], e)
		}
		excess += fit.Residuals[i]
	}
	// The residuals sum to the signal, 2000 events, within a few sigma.
	if math.Abs(excess-2000) > 4*math.Sqrt(52000) {
		t.Errorf("residuals sum to %g, want about 2000", excess)
	}
}

func TestFitMassAfterSelection(t *testing.T) {
	// A tight selection leaves a peak with few background events and many
	// empty bins, which the Poisson likelihood must handle.
	h, want := peakOverExponential(600, 90, 0.5, 0.03, 0.6, 4)
	fit, err := FitMass(h, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(fit.Mu-want[1]) > 4*fit.MuErr {
		t.Errorf("Mu = %g ± %g, want %g", fit.Mu, fit.MuErr, want[1])
	}
	if math.Abs(fit.Sigma-want[2]) > 4*fit.SigmaErr {
		t.Errorf("Sigma = %g ± %g, want %g", fit.Sigma, fit.SigmaErr, want[2])
	}
}

func TestFitMassRejectsBadHistograms(t *testing.T) {
	cases := []struct {
		name    string
		h       Hist
		wantErr error
	}{
		{"empty", newHist(0, 1, 50), ErrEmptyHist},
		{"too few bins", Hist{Lo: 0, Hi: 1, Counts: []float64{1, 2}}, nil},
		{"NaN count", Hist{Lo: 0, Hi: 1, Counts: []float64{1, 2, math.NaN(), 4, 5}}, nil},
		{"reversed range", Hist{Lo: 1, Hi: 0, Counts: []float64{1, 2, 3, 4, 5}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := FitMass(tc.h, config.Default())
			if err == nil {
				t.Fatal("no error")
			}
			if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Errorf("error %v, want %v", err, tc.wantErr)
			}
		})
	}
}

func TestFitMassNeverNaN(t *testing.T) {
	// Shapes the model cannot describe must end in finite parameters or an
	// error, never NaN.
	flat := newHist(0, 1, 50)
	spike := newHist(0, 1, 50)
	single := newHist(0, 1, 50)
	for i := range flat.Counts {
		flat.Counts[i] = 100
	}
	spike.Counts[49] = 1e6
	single.Counts[25] = 1
	for name, h := range map[string]Hist{"flat": flat, "spike at max": spike, "one event": single} {
		t.Run(name, func(t *testing.T) {
			fit, err := FitMass(h, config.Default())
			if err != nil {
				return
			}
			for _, v := range []float64{fit.A, fit.Mu, fit.Sigma, fit.C, fit.Lambda, fit.AErr, fit.MuErr,
				fit.SigmaErr, fit.CErr, fit.LambdaErr, fit.NLL} {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("fit %+v has a non-finite parameter", fit)
				}
			}
		})
	}
}

func TestMassLikelihoodGradient(t *testing.T) {
	h, _ := peakOverExponential(300, 2000, 0.5, 0.03, 0.6, 2)
	f := newMassLikelihood(h)
	x0 := f.start(config.Default())
	points := [][]float64{
		x0,
		{x0[0] + 0.3, 0.7, x0[2] - 0.2, x0[3] - 0.1, x0[4] + 0.4},
		{x0[0] - 1, -2, x0[2] + 1.5, x0[3] + 0.2, 0},
	}
	for k, p := range points {
		got := make([]float64, 5)
		f.gradient(got, p)
		want := fd.Gradient(nil, f.value, p, &fd.Settings{Formula: fd.Central, Step: 1e-6})
		for j := range got {
			if math.Abs(got[j]-want[j]) > 1e-6*math.Max(1, math.Abs(want[j])) {
				t.Errorf("point %d: gradient[%d] = %.9g, central difference %.9g", k, j, got[j], want[j])
			}
		}
	}
}

func TestFitMassOnSampleHistograms(t *testing.T) {
	// Histograms of a generated analysis sample, as the runner makes them.
	c := smallAnalysis()
	c.WeightedNEvents = 40000
	d := data.GenerateAnalysis(c, rand.New(rand.NewPCG(8, 9)))
	class := make([]int, d.Len())
	for i := range class {
		if d.Label[i] == data.Signal || i%10 == 0 {
			class[i] = 1
		}
	}
	hs, err := MassHistograms(d, class, c)
	if err != nil {
		t.Fatal(err)
	}
	for name, h := range map[string]Hist{"all": hs.All, "after selection": hs.PassAll} {
		fit, err := FitMass(h, c)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if math.Abs(fit.Mu-c.MeanFOM) > 4*fit.MuErr || math.Abs(fit.Sigma-c.WidthFOM) > 4*fit.SigmaErr {
			t.Errorf("%s: peak %g ± %g, width %g ± %g, want %g and %g",
				name, fit.Mu, fit.MuErr, fit.Sigma, fit.SigmaErr, c.MeanFOM, c.WidthFOM)
		}
		if math.Abs(fit.Lambda-1/c.BkgdBeta) > 4*fit.LambdaErr {
			t.Errorf("%s: slope %g ± %g, want %g", name, fit.Lambda, fit.LambdaErr, 1/c.BkgdBeta)
		}
	}
}

func TestFitMassOnSeedSample(t *testing.T) {
	// The training sample written by the original research code: 12500
	// signal masses from Normal(0.5, 0.03) over 12500 exponential ones.
	f, err := os.Open(sharedPath(t, "data/moons-mass-noise0.2-n25000.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := data.LoadCSV(f, data.DefaultColumns())
	if err != nil {
		t.Fatal(err)
	}
	c := config.Default()
	hs, err := MassHistograms(d, make([]int, d.Len()), c)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(hs.All.Counts); got != 79 {
		t.Errorf("%d bins for 25000 events, want round(sqrt(25000)/2) = 79", got)
	}
	fit, err := FitMass(hs.All, c)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name           string
		got, err, want float64
	}{
		{"mean", fit.Mu, fit.MuErr, c.MeanFOM},
		{"width", fit.Sigma, fit.SigmaErr, c.WidthFOM},
		{"slope", fit.Lambda, fit.LambdaErr, 1 / c.BkgdBeta},
	}
	for _, ck := range checks {
		if math.Abs(ck.got-ck.want) > 4*ck.err {
			t.Errorf("%s %.5f ± %.5f, generated with %.5f", ck.name, ck.got, ck.err, ck.want)
		}
	}
}

func TestInverseDiagonalRootMatchesGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for trial := range 20 {
		// A Gram matrix of random vectors with scales from 1e-3 to 1e3,
		// like Fisher information of parameters in different units.
		var a [5][5]float64
		for i := range a {
			scale := math.Pow(10, 6*rng.Float64()-3)
			for j := range a[i] {
				a[i][j] = scale * rng.NormFloat64()
			}
		}
		info := mat.NewSymDense(5, nil)
		for i := range 5 {
			for j := i; j < 5; j++ {
				s := 0.0
				for k := range 5 {
					s += a[i][k] * a[j][k]
				}
				info.SetSym(i, j, s)
			}
		}
		var chol mat.Cholesky
		if !chol.Factorize(info) {
			t.Fatalf("trial %d: gonum cannot factorise the matrix", trial)
		}
		var inv mat.SymDense
		if err := chol.InverseTo(&inv); err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		got, ok := inverseDiagonalRoot(info)
		if !ok {
			t.Fatalf("trial %d: inverseDiagonalRoot failed on a positive definite matrix", trial)
		}
		for j := range got {
			want := math.Sqrt(inv.At(j, j))
			if math.Abs(got[j]-want) > 1e-8*want {
				t.Errorf("trial %d: error %d = %g, want %g", trial, j, got[j], want)
			}
		}
	}
}

func TestInverseDiagonalRootRejectsSingular(t *testing.T) {
	info := mat.NewSymDense(5, nil)
	for i := range 4 {
		info.SetSym(i, i, 1)
	}
	if _, ok := inverseDiagonalRoot(info); ok {
		t.Error("inverseDiagonalRoot succeeded on a matrix with a zero row")
	}
}
