package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"

	"github.com/relegator/relegator/core/config"
)

// lossFixture is a network and a batch of random events on which a loss
// and its gradient with respect to the parameters can be computed.
type lossFixture struct {
	net  *Network
	obj  objective
	acts *activations
	b    batch
	x    []float64
}

func newLossFixture(t *testing.T, cfg config.Config, n int, weighted bool) *lossFixture {
	t.Helper()
	rng := rand.New(rand.NewPCG(3, 4))
	k := outputsOf(cfg.ModelType)
	net, err := NewNetwork([]int{2, 6, 5, k}, cfg.Bias, rng)
	if err != nil {
		t.Fatal(err)
	}
	f := &lossFixture{net: net, obj: newObjective(&cfg), acts: net.newActivations(n)}
	f.x = make([]float64, 2*n)
	for i := range f.x {
		f.x[i] = 2*rng.Float64() - 1
	}
	f.b = batch{n: n, k: k, probs: make([]float64, n*k), label: make([]int, n), mass: make([]float64, n)}
	lo, hi := cfg.WindowLow(), cfg.WindowHigh()
	for i := range n {
		f.b.label[i] = i % 2
		// Two events in three fall inside the signal window.
		f.b.mass[i] = lo + (hi-lo)*(1.5*rng.Float64()-0.25)
	}
	if weighted {
		f.b.weight = make([]float64, n)
		for i := range f.b.weight {
			f.b.weight[i] = 0.5 + rng.Float64()
		}
	}
	return f
}

// loss returns the loss at params and, when grad is not nil, writes its
// gradient into grad by backpropagation.
func (f *lossFixture) loss(params, grad []float64) float64 {
	copy(f.net.Params, params)
	copy(f.acts.a[0], f.x)
	f.net.forward(f.acts, f.b.n)
	last := len(f.acts.a) - 1
	f.b.logits = f.acts.a[last]
	applyHead(f.b.logits, f.b.probs, f.b.n, f.b.k)
	var dOut []float64
	if grad != nil {
		dOut = make([]float64, f.b.n*f.b.k)
	}
	v := f.obj.evaluate(&f.b, dOut)
	if grad != nil {
		clear(grad)
		gw, gb := splitParams(grad, f.net.Sizes, f.net.Bias)
		f.net.backward(f.acts, dOut, f.b.n, gw, gb, make([]float64, f.net.backwardWork()))
	}
	return v.Loss
}

// checkGradient compares the analytic gradient of f at p with central
// finite differences.
func checkGradient(t *testing.T, f func(p, grad []float64) float64, p []float64) {
	t.Helper()
	got := make([]float64, len(p))
	f(p, got)
	want := fd.Gradient(nil, func(x []float64) float64 { return f(x, nil) }, p,
		&fd.Settings{Formula: fd.Central, Step: 1e-6})
	scale := 0.0
	for _, v := range want {
		scale = max(scale, math.Abs(v))
	}
	if scale == 0 {
		t.Fatal("finite-difference gradient is zero everywhere; the check would be empty")
	}
	for i := range want {
		if d := math.Abs(got[i] - want[i]); d > 1e-6*scale+1e-8 {
			t.Errorf("d/dparam %d = %.10g, finite differences give %.10g", i, got[i], want[i])
		}
	}
}

func TestLossGradients(t *testing.T) {
	types := []string{config.Relegator, config.RelegatorFactor, config.RelegatorDiff, config.RelegatorV2,
		config.BinarySoftmax, config.ModBinary, config.Regress}
	for _, mt := range types {
		for _, formula := range []string{config.Simple, config.Asimov} {
			for _, weighted := range []bool{false, true} {
				name := fmt.Sprintf("%s/%s/weighted=%v", mt, formula, weighted)
				t.Run(name, func(t *testing.T) {
					cfg := config.SeedRecipe()
					cfg.ModelType = mt
					cfg.SignifFormula = formula
					f := newLossFixture(t, cfg, 24, weighted)
					checkGradient(t, f.loss, append([]float64(nil), f.net.Params...))
				})
			}
		}
	}
}

func TestLossSignificanceOff(t *testing.T) {
	cfg := config.SeedRecipe()
	cfg.SignifType = "none"
	cfg.RelegationCE = config.Merged
	f := newLossFixture(t, cfg, 16, false)
	checkGradient(t, f.loss, append([]float64(nil), f.net.Params...))
	// Without the significance term the relegator loss is the merged CE_rel
	// alone.
	f.loss(f.net.Params, nil)
	ce := 0.0
	for i := range f.b.n {
		p := f.b.probs[i*3 : (i+1)*3]
		ce -= math.Log(p[f.b.label[i]] + p[ClassRelegated])
	}
	ce /= float64(f.b.n)
	if got := f.loss(f.net.Params, nil); math.Abs(got-ce) > 1e-12 {
		t.Errorf("loss %g, want CE_rel %g", got, ce)
	}
}

// TestLossFormulas recomputes each model type's loss from the
// probabilities by the formulas of its doc comment, with the default
// normalised relegation cross-entropy.
func TestLossFormulas(t *testing.T) {
	for _, mt := range []string{config.Relegator, config.RelegatorFactor, config.RelegatorDiff, config.RelegatorV2, config.ModBinary} {
		t.Run(mt, func(t *testing.T) {
			cfg := config.SeedRecipe()
			cfg.ModelType = mt
			f := newLossFixture(t, cfg, 30, false)
			got := f.loss(f.net.Params, nil)

			k := f.b.k
			var ce, s, b, nSig, nBkg float64
			for i := range f.b.n {
				p := f.b.probs[i*k : (i+1)*k]
				y := f.b.label[i]
				q := p[y]
				if k == 3 {
					q += p[2]
				}
				if k == 3 && cfg.RelegationCE == config.Normalized {
					// The merged probabilities divided by their sum.
					q /= p[0] + p[1] + 2*p[2]
				}
				ce -= math.Log(q)
				in := math.Abs(f.b.mass[i]-cfg.MeanFOM) <= cfg.NSigmas*cfg.WidthFOM
				if y == 1 {
					nSig++
					if in {
						s += p[1]
					}
				} else {
					nBkg++
					if in {
						b += p[1]
					}
				}
			}
			ce /= float64(f.b.n)
			nTot := float64(cfg.WeightedNEvents)
			sp := cfg.SigFraction * nTot * s / nSig
			bp := (1 - cfg.SigFraction) * nTot * b / nBkg
			z := sp / math.Sqrt(sp+bp)
			var want float64
			switch mt {
			case config.Relegator, config.ModBinary:
				want = ce + 1/z
			case config.RelegatorFactor:
				want = ce / z
			case config.RelegatorDiff:
				want = ce - z
			case config.RelegatorV2:
				effSig := math.Erf(cfg.NSigmas / math.Sqrt2)
				lo, hi := cfg.WindowLow(), cfg.WindowHigh()
				beta := cfg.BkgdBeta
				effBkg := (math.Exp(-lo/beta) - math.Exp(-hi/beta)) / (math.Exp(-cfg.MinFOM/beta) - math.Exp(-cfg.MaxFOM/beta))
				s0 := cfg.SigFraction * nTot * effSig
				b0 := (1 - cfg.SigFraction) * nTot * effBkg
				want = ce + s0/math.Sqrt(s0+b0)/z - 1
			}
			if math.Abs(got-want) > 1e-9*math.Abs(want) {
				t.Errorf("loss %.12g, want %.12g", got, want)
			}
		})
	}
}

// TestLossGuards feeds outputs that make S, Z or a probability vanish and
// checks that the loss and its gradient stay finite.
func TestLossGuards(t *testing.T) {
	for _, mt := range []string{config.Relegator, config.RelegatorFactor, config.RelegatorV2, config.ModBinary, config.Regress} {
		t.Run(mt, func(t *testing.T) {
			cfg := config.SeedRecipe()
			cfg.ModelType = mt
			k := outputsOf(mt)
			n := 4
			b := batch{n: n, k: k, logits: make([]float64, n*k), probs: make([]float64, n*k),
				label: []int{0, 1, 0, 1}, mass: []float64{0.5, 0.5, 0.5, 0.5}}
			// Every event is sure of background, by far more than
			// exp(-709): p_sig underflows to 0, so S = 0 and Z = 0.
			for i := range n {
				if k == 1 {
					b.logits[i] = -2000
				} else {
					b.logits[i*k] = 2000
				}
			}
			applyHead(b.logits, b.probs, n, k)
			o := newObjective(&cfg)
			dOut := make([]float64, n*k)
			v := o.evaluate(&b, dOut)
			if !finite(v.Loss) {
				t.Errorf("loss %g, want finite", v.Loss)
			}
			if !allFinite(dOut) {
				t.Errorf("gradient %v, want finite", dOut)
			}
			if v.Z != 0 {
				t.Errorf("Z %g, want 0", v.Z)
			}
		})
	}
}

// TestCrossEntropyGradient checks the derivatives of each head's
// cross-entropy with respect to the logits, on moderate logits and on
// logits so far apart that the merged probability underflows.
func TestCrossEntropyGradient(t *testing.T) {
	cases := []struct {
		name string
		z    []float64
		y    int
	}{
		{"sigmoid", []float64{0.3}, 1},
		{"sigmoid far", []float64{-40}, 1},
		{"two-class", []float64{0.3, -1.1}, 1},
		{"two-class far", []float64{900, 0.5}, 1},
		{"relegator", []float64{0.2, -0.4, 0.9}, 0},
		{"relegator far", []float64{-300, 800, -250}, 0},
	}
	for _, c := range cases {
		for _, normalized := range []bool{false, true} {
			if normalized && len(c.z) != 3 {
				continue
			}
			t.Run(fmt.Sprintf("%s normalized=%v", c.name, normalized), func(t *testing.T) {
				f := func(z, grad []float64) float64 {
					p := make([]float64, len(z))
					applyHead(z, p, 1, len(z))
					if grad != nil {
						ceGrad(z, p, c.y, grad, 1, normalized)
					}
					return ceValue(z, p, c.y, normalized)
				}
				checkGradient(t, f, c.z)
				if v := f(c.z, nil); !finite(v) || v < 0 {
					t.Errorf("cross-entropy %g, want finite and ≥ 0", v)
				}
			})
		}
	}
}

func TestSignalProbGradient(t *testing.T) {
	for _, z := range [][]float64{{0.7}, {0.4, -0.2}, {0.1, 0.5, -0.3}} {
		t.Run(fmt.Sprint(len(z), " outputs"), func(t *testing.T) {
			f := func(z, grad []float64) float64 {
				p := make([]float64, len(z))
				applyHead(z, p, 1, len(z))
				if grad != nil {
					clear(grad)
					addSignalGrad(p, grad, 1)
				}
				return SignalProb(p)
			}
			checkGradient(t, f, z)
		})
	}
}
