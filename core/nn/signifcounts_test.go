package nn

import (
	"math"
	"testing"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/signif"
)

func TestSignifKnobGradients(t *testing.T) {
	for _, mt := range []string{config.Relegator, config.RelegatorV2, config.RelegatorDiff, config.ModBinary} {
		for _, counts := range []string{config.CountWindow, config.CountExpected} {
			t.Run(mt+"/"+counts, func(t *testing.T) {
				cfg := config.Default()
				cfg.ModelType = mt
				cfg.SignifCounts = counts
				cfg.SignifWeight = 7
				f := newLossFixture(t, cfg, 24, true)
				checkGradient(t, f.loss, append([]float64(nil), f.net.Params...))
			})
		}
	}
}

// TestSignifWeightScalesTerm recomputes the relegator loss with weight 3
// from the loss with weight 0 and the soft significance.
func TestSignifWeightScalesTerm(t *testing.T) {
	cfg := config.Default()
	cfg.SignifWeight = 0
	f := newLossFixture(t, cfg, 40, false)
	ce := f.loss(f.net.Params, nil)
	cfg.SignifWeight = 3
	f.obj = newObjective(&cfg)
	got := f.loss(f.net.Params, nil)
	z := f.obj.evaluate(&f.b, nil).Z
	if want := ce + 3/z; math.Abs(got-want) > 1e-12 {
		t.Errorf("loss with weight 3 = %.15g, want CE + 3/Z = %.15g", got, want)
	}
}

// TestSignifCountsExpected recomputes Z from every event weighted by its
// class's window efficiency, whatever its mass.
func TestSignifCountsExpected(t *testing.T) {
	cfg := config.Default()
	cfg.SignifCounts = config.CountExpected
	f := newLossFixture(t, cfg, 30, false)
	f.loss(f.net.Params, nil)
	effSig, effBkg := signif.WindowEfficiencies(cfg.MeanFOM, cfg.WidthFOM, cfg.NSigmas, cfg.BkgdBeta, cfg.MinFOM, cfg.MaxFOM)
	var s, b, nSig, nBkg float64
	for i := range f.b.n {
		ps := f.b.probs[i*3+ClassSignal]
		if f.b.label[i] == data.Signal {
			s += effSig * ps
			nSig++
		} else {
			b += effBkg * ps
			nBkg++
		}
	}
	n := float64(cfg.WeightedNEvents)
	want := signif.Z(cfg.SigFraction*n*s/nSig, (1-cfg.SigFraction)*n*b/nBkg, cfg.SignifFormula)
	if got := f.obj.evaluate(&f.b, nil).Z; math.Abs(got-want) > 1e-12*want {
		t.Errorf("Z = %.15g, want %.15g", got, want)
	}
}

func TestCountAverage(t *testing.T) {
	a := countAverage{rate: 0.25}
	if s, b := a.add(8, 4); s != 8 || b != 4 {
		t.Errorf("first add = %g, %g, want the batch's own 8, 4", s, b)
	}
	if s, b := a.add(0, 8); s != 6 || b != 5 {
		t.Errorf("second add = %g, %g, want 8 + 0.25·(0-8) = 6 and 4 + 0.25·(8-4) = 5", s, b)
	}
	for range 200 {
		a.add(2, 1)
	}
	if math.Abs(a.s-2) > 1e-9 || math.Abs(a.b-1) > 1e-9 {
		t.Errorf("after 200 batches of 2, 1 the average is %g, %g", a.s, a.b)
	}
}

// TestSignifAverageTrainingOnly checks that measuring a dataset, which
// passes no gradient buffer, neither reads nor moves the average.
func TestSignifAverageTrainingOnly(t *testing.T) {
	cfg := config.Default()
	cfg.SignifAverage = 10
	f := newLossFixture(t, cfg, 30, false)
	f.loss(f.net.Params, nil)
	plain := f.obj.evaluate(&f.b, nil)
	if f.obj.average.started {
		t.Fatal("an evaluation without gradients started the average")
	}
	f.obj.average.add(1e6, 1)
	if again := f.obj.evaluate(&f.b, nil); again.Z != plain.Z {
		t.Errorf("Z without gradients moved from %g to %g with the average", plain.Z, again.Z)
	}
	withGrad := f.obj.evaluate(&f.b, make([]float64, f.b.n*f.b.k))
	if withGrad.Z == plain.Z {
		t.Errorf("Z of a training step ignores the running average: %g", withGrad.Z)
	}
}

func TestScheduledRate(t *testing.T) {
	cfg := config.Default()
	cfg.LearningRate = 0.01
	cfg.LRFinalFraction = 0.125
	cfg.NEpochs = 4
	for _, tt := range []struct {
		epochs int
		want   float64
	}{{0, 0.01}, {1, 0.005}, {3, 0.00125}} {
		if got := scheduledRate(&cfg, tt.epochs); math.Abs(got-tt.want) > 1e-15 {
			t.Errorf("rate after %d epochs = %g, want %g", tt.epochs, got, tt.want)
		}
	}
	cfg.LRFinalFraction = 1
	if got := scheduledRate(&cfg, 50); got != 0.01 {
		t.Errorf("rate without decay after 50 epochs = %g, want 0.01", got)
	}
}

func TestTrainerDecaysRate(t *testing.T) {
	cfg := smallConfig(config.Relegator)
	cfg.LRFinalFraction = 0.81
	cfg.NEpochs = 3
	train, val := moons(cfg, 400, 1)
	tr, err := NewTrainer(cfg, train, val, 1)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := tr.RunEpoch(); err != nil {
			t.Fatal(err)
		}
	}
	if want := cfg.LearningRate * 0.81; math.Abs(tr.opt.lr-want) > 1e-15 {
		t.Errorf("rate after 2 epochs = %g, want %g", tr.opt.lr, want)
	}
}

func TestInitSchemes(t *testing.T) {
	if initSchemeOf(config.HeUniform) != heUniform {
		t.Error("he_uniform does not select the He scheme")
	}
	if initSchemeOf(config.GlorotUniform) != glorotUniform || initSchemeOf("") != glorotUniform {
		t.Error("glorot_uniform and the empty name do not select the Glorot scheme")
	}
}
