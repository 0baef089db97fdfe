package nn

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/relegator/relegator/core/config"
)

// TestWorkMatchesStep trains the same model from the same seed three
// times: with Step, with Work in chunks, and mixing Work and Step calls.
// Every run must end with the same history and weights, bit for bit.
// Chunks of 77 events split the batches of 200 events and of the whole
// training part at points that are not on the kernels' 64-event blocks.
func TestWorkMatchesStep(t *testing.T) {
	type testCase struct {
		modelType string
		batch     int
		dropout   float64
		chunk     int
	}
	var cases []testCase
	for _, mt := range []string{config.Relegator, config.Regress} {
		for _, batch := range []int{0, 200} {
			for _, dropout := range []float64{0, 0.05} {
				cases = append(cases, testCase{mt, batch, dropout, 77})
			}
		}
	}
	cases = append(cases,
		testCase{config.Relegator, 0, 0.05, 1000},
		testCase{config.Relegator, 200, 0, 1000},
	)
	for _, c := range cases {
		name := fmt.Sprintf("%s batch %d dropout %g chunk %d", c.modelType, c.batch, c.dropout, c.chunk)
		t.Run(name, func(t *testing.T) {
			cfg := smallConfig(c.modelType)
			cfg.BatchSize = c.batch
			cfg.InputDropout = c.dropout
			cfg.NEpochs = 4
			// A moving average of the counts makes each step's
			// derivatives depend on the steps before it.
			cfg.SignifAverage = 3
			train, val := moons(cfg, 600, 12)
			newTrainer := func() *Trainer {
				tr, err := NewTrainer(cfg, train, val, 12)
				if err != nil {
					t.Fatal(err)
				}
				return tr
			}

			stepped := newTrainer()
			steps := 0
			for !stepped.Done() {
				if err := stepped.Step(); err != nil {
					t.Fatal(err)
				}
				steps++
			}

			batch := c.batch
			if batch == 0 {
				batch = train.Len()
			}
			worked := newTrainer()
			if err := worked.SetChunk(c.chunk); err != nil {
				t.Fatal(err)
			}
			calls, lossCalls := 0, 0
			for !worked.Done() {
				if err := worked.Work(); err != nil {
					t.Fatal(err)
				}
				calls++
				// Only a call that runs the loss of a batch larger
				// than the chunk, alone, takes no events.
				lossAlone := worked.phase == phaseBackward && worked.cursor == 0 && batch > c.chunk
				if n := worked.workEvents; (n < 1 && !lossAlone) || n > c.chunk {
					t.Fatalf("Work call %d took %d events through the network, want 1 to %d", calls, n, c.chunk)
				}
				if lossAlone {
					lossCalls++
				}
			}
			wantLossCalls := 0
			for start := 0; start < train.Len(); start += batch {
				if min(batch, train.Len()-start) > c.chunk {
					wantLossCalls += cfg.NEpochs
				}
			}
			if lossCalls != wantLossCalls {
				t.Errorf("%d Work calls ran a batch loss alone, want %d", lossCalls, wantLossCalls)
			}
			if c.chunk < batch && calls <= steps {
				t.Errorf("%d Work calls for %d steps of %d events, want more calls than steps", calls, steps, batch)
			}

			// Every third call is a Step, which finishes the pending
			// step, and the chunk changes between the Work calls.
			mixed := newTrainer()
			for i := 0; !mixed.Done(); i++ {
				if err := mixed.SetChunk(c.chunk/2 + i%2*c.chunk/2); err != nil {
					t.Fatal(err)
				}
				if i%3 == 2 {
					if err := mixed.Step(); err != nil {
						t.Fatal(err)
					}
					if mixed.Pending() {
						t.Fatal("a step is pending after Step")
					}
					continue
				}
				if err := mixed.Work(); err != nil {
					t.Fatal(err)
				}
			}

			for _, run := range []struct {
				name string
				tr   *Trainer
			}{{"Work", worked}, {"Work and Step", mixed}} {
				compareTrainers(t, run.name, stepped, run.tr)
			}
		})
	}
}

// compareTrainers checks that tr, trained by the calls that name
// describes, ended with the history, weights and threshold of want,
// trained by Step alone.
func compareTrainers(t *testing.T, name string, want, tr *Trainer) {
	t.Helper()
	if tr.Pending() {
		t.Errorf("%s: a step is pending after training is done", name)
	}
	hw, h := want.History(), tr.History()
	if len(h) != len(hw) {
		t.Fatalf("%s: %d epochs in history, Step gave %d", name, len(h), len(hw))
	}
	for i := range hw {
		if h[i] != hw[i] {
			t.Errorf("%s: epoch %d history %+v, Step gave %+v", name, i+1, h[i], hw[i])
		}
	}
	pw, p := want.Model().Net.Params, tr.Model().Net.Params
	for i := range pw {
		if math.Float64bits(p[i]) != math.Float64bits(pw[i]) {
			t.Fatalf("%s: weight %d is %g, Step gave %g", name, i, p[i], pw[i])
		}
	}
	if tr.Model().Threshold != want.Model().Threshold {
		t.Errorf("%s: threshold %g, Step gave %g", name, tr.Model().Threshold, want.Model().Threshold)
	}
	if tr.StopReason() != want.StopReason() {
		t.Errorf("%s: stop reason %q, Step gave %q", name, tr.StopReason(), want.StopReason())
	}
}

func TestWorkPending(t *testing.T) {
	cfg := smallConfig(config.Relegator)
	cfg.NEpochs = 2
	train, val := moons(cfg, 600, 13)
	tr, err := NewTrainer(cfg, train, val, 13)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Pending() {
		t.Fatal("a step is pending before the first call")
	}
	if err := tr.SetChunk(train.Len() / 2); err != nil {
		t.Fatal(err)
	}
	if err := tr.Work(); err != nil {
		t.Fatal(err)
	}
	if !tr.Pending() {
		t.Error("no step pending after half of the forward pass")
	}
	if tr.Epoch() != 0 || len(tr.History()) != 0 {
		t.Errorf("epoch %d and %d history entries in the middle of the first step, want 0", tr.Epoch(), len(tr.History()))
	}
	for tr.Pending() {
		if err := tr.Work(); err != nil {
			t.Fatal(err)
		}
	}
	if tr.Epoch() != 1 || len(tr.History()) != 1 {
		t.Errorf("epoch %d and %d history entries after the first step, want 1", tr.Epoch(), len(tr.History()))
	}

	// With chunking off, each Work call is a whole step.
	if err := tr.SetChunk(0); err != nil {
		t.Fatal(err)
	}
	if err := tr.Work(); err != nil {
		t.Fatal(err)
	}
	if tr.Pending() || tr.Epoch() != 2 || !tr.Done() {
		t.Errorf("after one Work call without chunking: pending %v, epoch %d, done %v; want false, 2, true", tr.Pending(), tr.Epoch(), tr.Done())
	}
	if err := tr.Work(); err != nil || tr.workEvents != 0 {
		t.Errorf("Work once done: error %v and %d events, want nil and 0", err, tr.workEvents)
	}
}

func TestSetChunkRejectsNegative(t *testing.T) {
	cfg := smallConfig(config.Relegator)
	train, val := moons(cfg, 200, 14)
	tr, err := NewTrainer(cfg, train, val, 14)
	if err != nil {
		t.Fatal(err)
	}
	err = tr.SetChunk(-5)
	if err == nil {
		t.Fatal("no error for a chunk of -5 events")
	}
	if !strings.Contains(err.Error(), "-5") {
		t.Errorf("error %q does not name -5", err)
	}
	if tr.Chunk() != 0 {
		t.Errorf("chunk %d after the rejected value, want 0", tr.Chunk())
	}
}

func TestWorkAllocatesNothing(t *testing.T) {
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
			train, val := moons(cfg, 400, 15)
			tr, err := NewTrainer(cfg, train, val, 1)
			if err != nil {
				t.Fatal(err)
			}
			if err := tr.SetChunk(100); err != nil {
				t.Fatal(err)
			}
			tr.Work()
			// 100 calls of 100 events span several epoch ends for both
			// batch sizes.
			allocs := testing.AllocsPerRun(100, func() {
				if err := tr.Work(); err != nil {
					t.Fatal(err)
				}
			})
			if allocs != 0 {
				t.Errorf("%g allocations per Work call, want 0", allocs)
			}
			if tr.Epoch() < 2 {
				t.Errorf("%d epochs completed, want the calls to span at least 2", tr.Epoch())
			}
		})
	}
}
