package nn

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
)

func TestTrainerLearnsMoons(t *testing.T) {
	for _, mt := range []string{config.Relegator, config.BinarySoftmax, config.Regress} {
		t.Run(mt, func(t *testing.T) {
			cfg := smallConfig(mt)
			cfg.BatchSize = 128
			cfg.NEpochs = 15
			train, val := moons(cfg, 2000, 1)
			tr, err := NewTrainer(cfg, train, val, 1)
			if err != nil {
				t.Fatal(err)
			}
			for !tr.Done() {
				if err := tr.RunEpoch(); err != nil {
					t.Fatal(err)
				}
			}
			h := tr.History()
			if len(h) != cfg.NEpochs {
				t.Fatalf("%d epochs in history, want %d", len(h), cfg.NEpochs)
			}
			last := h[len(h)-1]
			// Relegated events count as wrong, so the relegator's accuracy
			// depends on how much it relegates; its significance must
			// grow instead.
			if mt == config.Relegator {
				if last.ValSignificance <= 1.2*h[0].ValSignificance {
					t.Errorf("validation significance went from %g to %g, want a rise by more than 20%%", h[0].ValSignificance, last.ValSignificance)
				}
			} else if last.ValAccuracy < 0.8 {
				t.Errorf("validation accuracy %.3f after %d epochs, want ≥ 0.8", last.ValAccuracy, len(h))
			}
			if last.ValLoss >= h[0].ValLoss {
				t.Errorf("validation loss went from %g to %g, want a decrease", h[0].ValLoss, last.ValLoss)
			}
			if tr.StopReason() != StopMaxEpochs {
				t.Errorf("stop reason %q, want %q", tr.StopReason(), StopMaxEpochs)
			}
		})
	}
}

// TestTrainerReusesForward checks that a full-batch run without dropout,
// whose epoch measurement doubles as the next step's forward pass, gives
// the same history and weights as one that runs every pass.
func TestTrainerReusesForward(t *testing.T) {
	cfg := smallConfig(config.Relegator)
	cfg.InputDropout = 0
	cfg.NEpochs = 5
	train, val := moons(cfg, 600, 11)
	run := func(reuse bool) *Trainer {
		tr, err := NewTrainer(cfg, train, val, 11)
		if err != nil {
			t.Fatal(err)
		}
		tr.reuse = reuse
		for !tr.Done() {
			if err := tr.Step(); err != nil {
				t.Fatal(err)
			}
		}
		return tr
	}

	a, b := run(true), run(false)
	for i, h := range a.History() {
		if h != b.History()[i] {
			t.Errorf("epoch %d: history %+v with reuse, %+v without", i+1, h, b.History()[i])
		}
	}
	for i, p := range a.Model().Net.Params {
		if q := b.Model().Net.Params[i]; p != q {
			t.Fatalf("weight %d: %g with reuse, %g without", i, p, q)
		}
	}
}

func TestTrainerDeterministic(t *testing.T) {
	cfg := smallConfig(config.Relegator)
	cfg.BatchSize = 100
	cfg.NEpochs = 3
	train, val := moons(cfg, 600, 2)
	run := func(seed uint64) *Trainer {
		tr, err := NewTrainer(cfg, train, val, seed)
		if err != nil {
			t.Fatal(err)
		}
		for !tr.Done() {
			if err := tr.Step(); err != nil {
				t.Fatal(err)
			}
		}
		return tr
	}

	a, b, c := run(9), run(9), run(10)
	ha, hb := a.History(), b.History()
	if len(ha) != len(hb) {
		t.Fatalf("history lengths %d and %d", len(ha), len(hb))
	}
	for i := range ha {
		if ha[i] != hb[i] {
			t.Errorf("epoch %d: history %+v and %+v differ for the same seed", i+1, ha[i], hb[i])
		}
	}

	pa, pb, pc := a.Model().Net.Params, b.Model().Net.Params, c.Model().Net.Params
	same := true
	for i := range pa {
		if pa[i] != pb[i] {
			t.Fatalf("weight %d: %g and %g differ for the same seed", i, pa[i], pb[i])
		}
		same = same && pa[i] == pc[i]
	}
	if same {
		t.Error("seeds 9 and 10 gave the same weights")
	}
}

// TestTrainerEarlyStop trains on a validation part whose labels are the
// training labels flipped, so the validation loss rises from the first
// epoch on and the cut-off must stop training right after its first fit,
// at epoch depth+1.
func TestTrainerEarlyStop(t *testing.T) {
	cfg := smallConfig(config.BinarySoftmax)
	cfg.OTCutoff = true
	cfg.OTCutoffDepth = 5
	cfg.NEpochs = 100
	train, _ := moons(cfg, 400, 3)
	flipped := *train
	flipped.Label = make([]int, train.Len())
	for i, y := range train.Label {
		flipped.Label[i] = 1 - y
	}

	tr, err := NewTrainer(cfg, train, &flipped, 3)
	if err != nil {
		t.Fatal(err)
	}
	for !tr.Done() {
		if err := tr.RunEpoch(); err != nil {
			t.Fatal(err)
		}
	}

	h := tr.History()
	for i := 1; i < len(h); i++ {
		if h[i].ValLoss <= h[i-1].ValLoss {
			t.Fatalf("validation loss fell from %g to %g at epoch %d; the test premise fails", h[i-1].ValLoss, h[i].ValLoss, i+1)
		}
	}
	if want := cfg.OTCutoffDepth + 1; tr.Epoch() != want {
		t.Errorf("stopped after %d epochs, want %d", tr.Epoch(), want)
	}
	if tr.StopReason() != StopEarly {
		t.Errorf("stop reason %q, want %q", tr.StopReason(), StopEarly)
	}
}

func TestRisingTrend(t *testing.T) {
	// For losses |e - c| the least-squares slope over the epochs
	// [e-D+1, e] is ≥ 0 exactly when the window's centre e - (D-1)/2 is
	// at or past c, so a cut-off of depth D first stops at the smallest
	// e > D with e ≥ c + (D-1)/2.
	cases := []struct{ depth, bottom int }{{20, 30}, {5, 12}, {4, 3}, {2, 1}}
	for _, c := range cases {
		t.Run(fmt.Sprintf("depth %d bottom %d", c.depth, c.bottom), func(t *testing.T) {
			want := max(c.depth+1, int(math.Ceil(float64(c.bottom)+float64(c.depth-1)/2)))
			var losses []float64
			got := 0
			for e := 1; e <= 200 && got == 0; e++ {
				losses = append(losses, math.Abs(float64(e-c.bottom)))
				if e > c.depth && risingTrend(losses[e-c.depth:]) {
					got = e
				}
			}
			if got != want {
				t.Errorf("stopped at epoch %d, want %d", got, want)
			}
		})
	}
}

func TestTrainerDivergence(t *testing.T) {
	cfg := smallConfig(config.Relegator)
	// Adam moves each weight by about the learning rate per step, so
	// after the first update the weights are near ±1e308 and the
	// measurement after epoch 1 overflows.
	cfg.LearningRate = 1e308
	train, val := moons(cfg, 300, 4)
	tr, err := NewTrainer(cfg, train, val, 4)
	if err != nil {
		t.Fatal(err)
	}
	for !tr.Done() {
		err = tr.Step()
	}

	var de *DivergenceError
	if !errors.As(err, &de) {
		t.Fatalf("error %v, want a *DivergenceError", err)
	}
	if de.Epoch != 1 {
		t.Errorf("diverged in epoch %d, want 1", de.Epoch)
	}

	msg := err.Error()
	for _, part := range []string{"epoch 1", "learning rate"} {
		if !strings.Contains(msg, part) {
			t.Errorf("message %q does not contain %q", msg, part)
		}
	}
	if tr.Epoch() != 0 || len(tr.History()) != 0 {
		t.Errorf("%d epochs and %d history entries completed, want 0", tr.Epoch(), len(tr.History()))
	}
	if tr.StopReason() != msg {
		t.Errorf("stop reason %q, want the error message", tr.StopReason())
	}
	if err := tr.Step(); err != nil {
		t.Errorf("Step after divergence returned %v, want nil", err)
	}
}

func TestTrainerStepsPerEpoch(t *testing.T) {
	cfg := smallConfig(config.Relegator)
	train, val := moons(cfg, 1000, 5)
	cases := []struct{ batch, want int }{
		{0, 1},
		{train.Len(), 1},
		{10 * train.Len(), 1},
		{100, (train.Len() + 99) / 100},
	}
	for _, c := range cases {
		cfg.BatchSize = c.batch
		tr, err := NewTrainer(cfg, train, val, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := tr.StepsPerEpoch(); got != c.want {
			t.Errorf("batch size %d: %d steps per epoch, want %d", c.batch, got, c.want)
		}
		for range c.want - 1 {
			tr.Step()
		}
		if tr.Epoch() != 0 {
			t.Errorf("batch size %d: epoch %d before the last batch, want 0", c.batch, tr.Epoch())
		}
		tr.Step()
		if tr.Epoch() != 1 || len(tr.History()) != 1 {
			t.Errorf("batch size %d: epoch %d, %d history entries after one epoch of steps", c.batch, tr.Epoch(), len(tr.History()))
		}
	}
}

func TestNewTrainerRejects(t *testing.T) {
	good := smallConfig(config.Relegator)
	train, val := moons(good, 200, 6)
	onlySignal := *train
	onlySignal.Label = make([]int, train.Len())
	for i := range onlySignal.Label {
		onlySignal.Label[i] = data.Signal
	}
	shortMass := *val
	shortMass.M = val.M[1:]
	nanX := *train
	nanX.X = append([]float64(nil), train.X...)
	nanX.X[5] = math.NaN()

	cases := []struct {
		name       string
		edit       func(*config.Config)
		train, val *data.Dataset
		want       string
	}{
		{"model type", func(c *config.Config) { c.ModelType = "svm" }, train, val, `"svm"`},
		{"hidden width", func(c *config.Config) { c.HiddenNodes = []int{4, 0} }, train, val, "width 0"},
		{"learning rate", func(c *config.Config) { c.LearningRate = -1 }, train, val, "learning rate -1"},
		{"epochs", func(c *config.Config) { c.NEpochs = 0 }, train, val, "n_epochs 0"},
		{"batch", func(c *config.Config) { c.BatchSize = -2 }, train, val, "batch size -2"},
		{"dropout", func(c *config.Config) { c.InputDropout = 1 }, train, val, "dropout 1"},
		{"depth", func(c *config.Config) { c.OTCutoff = true; c.OTCutoffDepth = 1 }, train, val, "depth 1"},
		{"formula", func(c *config.Config) { c.SignifFormula = "poisson" }, train, val, `"poisson"`},
		{"signif type", func(c *config.Config) { c.SignifType = "categ" }, train, val, `"categ"`},
		{"one class", func(c *config.Config) {}, &onlySignal, val, "0 background"},
		{"mass length", func(c *config.Config) {}, train, &shortMass, "masses"},
		{"nan feature", func(c *config.Config) {}, &nanX, val, "NaN"},
		{"missing val", func(c *config.Config) {}, train, nil, "validation part: missing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := good
			c.edit(&cfg)
			_, err := NewTrainer(cfg, c.train, c.val, 1)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not name %q", err, c.want)
			}
		})
	}
}

func TestTrainerStepAllocatesNothing(t *testing.T) {
	for _, c := range []struct {
		batch   int
		dropout float64
	}{{0, 0.05}, {0, 0}, {64, 0.05}} {
		t.Run(fmt.Sprintf("batch %d dropout %g", c.batch, c.dropout), func(t *testing.T) {
			cfg := smallConfig(config.Relegator)
			cfg.BatchSize = c.batch
			cfg.InputDropout = c.dropout
			cfg.NEpochs = 1000
			cfg.OTCutoff = true
			train, val := moons(cfg, 400, 7)
			tr, err := NewTrainer(cfg, train, val, 1)
			if err != nil {
				t.Fatal(err)
			}
			tr.Step()
			// 50 steps span several epoch ends for both batch sizes.
			allocs := testing.AllocsPerRun(50, func() {
				if err := tr.Step(); err != nil {
					t.Fatal(err)
				}
			})
			if allocs != 0 {
				t.Errorf("%g allocations per step, want 0", allocs)
			}
		})
	}
}

func TestRegressThreshold(t *testing.T) {
	cfg := smallConfig(config.Regress)
	cfg.NEpochs = 20
	train, val := moons(cfg, 1500, 8)
	tr, err := NewTrainer(cfg, train, val, 8)
	if err != nil {
		t.Fatal(err)
	}
	for !tr.Done() {
		if err := tr.RunEpoch(); err != nil {
			t.Fatal(err)
		}
	}

	m := tr.Model()
	p := make([]float64, val.Len())
	m.Predict(val.X, val.Len(), p)
	lo, hi := p[0], p[0]
	for _, v := range p {
		lo, hi = min(lo, v), max(hi, v)
	}
	if m.Threshold < lo || m.Threshold > hi {
		t.Fatalf("threshold %g outside the predictions [%g, %g]", m.Threshold, lo, hi)
	}

	// The chosen cut is at least as good as the cut at 0.5 and as the
	// cut that keeps everything.
	zAt := func(cut float64) float64 {
		var s, b, nSig, nBkg float64
		for i, v := range p {
			in := math.Abs(val.M[i]-cfg.MeanFOM) <= cfg.NSigmas*cfg.WidthFOM
			if val.Label[i] == data.Signal {
				nSig++
				if in && v >= cut {
					s++
				}
			} else {
				nBkg++
				if in && v >= cut {
					b++
				}
			}
		}
		n := float64(cfg.WeightedNEvents)
		sp := cfg.SigFraction * n * s / nSig
		bp := (1 - cfg.SigFraction) * n * b / nBkg
		return sp / math.Sqrt(sp+bp)
	}
	best := zAt(m.Threshold)
	for _, cut := range []float64{0.5, lo} {
		if z := zAt(cut); z > best+1e-12 {
			t.Errorf("cut %g gives Z %g, more than the chosen threshold %g with %g", cut, z, m.Threshold, best)
		}
	}
}

func TestTrainingFLOPs(t *testing.T) {
	// One input, one output, no hidden layer: forward 2+1, weight
	// gradient 2+1, head and loss 4.
	if got := TrainingFLOPs(1, nil, 1); got != 10 {
		t.Errorf("TrainingFLOPs(1, nil, 1) = %g, want 10", got)
	}
	// A hidden layer adds its forward and weight gradient and the input
	// gradient of the layer above it: 2·3 + (2·3+3)·2 + 2·3 + ... .
	one := TrainingFLOPs(2, []int{3}, 1)
	want := (2*2*3+3)*2.0 /* layer 1 */ + (2*3*1+1)*2 + 2*3*1 /* layer 2 */ + 4
	if one != want {
		t.Errorf("TrainingFLOPs(2, [3], 1) = %g, want %g", one, want)
	}
}
