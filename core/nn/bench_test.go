package nn

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
)

// benchWorkloads are the browser's reference workloads, set up as the
// page's bench() does. An MLP 2-40-40-20-3 with the relegator loss and the
// page's configuration (config.Browser, no input dropout) trains on a
// moons sample of events events in batches of batch events, 0 meaning the
// whole sample. The validation part has 200 events.
var benchWorkloads = []struct {
	events, batch int
}{
	{3000, 0},
	{15000, 0},
	{15000, 256},
}

func benchTrainer(b *testing.B, events, batch int) *Trainer {
	b.Helper()
	cfg := config.Browser()
	cfg.ModelType = config.Relegator
	cfg.HiddenNodes = []int{40, 40, 20}
	cfg.BatchSize = batch
	cfg.NEpochs = 1 << 30
	cfg.OTCutoff = false
	rng := rand.New(rand.NewPCG(1, 7))
	cfg.NEvents = events
	train := data.GenerateTraining(cfg, rng)
	cfg.NEvents = 200
	val := data.GenerateTraining(cfg, rng)
	tr, err := NewTrainer(cfg, train, val, 1)
	if err != nil {
		b.Fatal(err)
	}
	return tr
}

// BenchmarkTrainStep measures one Step, and reports epochs per second
// including the per-epoch measurement of the training and validation
// parts.
func BenchmarkTrainStep(b *testing.B) {
	for _, w := range benchWorkloads {
		b.Run(fmt.Sprintf("events=%d/batch=%d", w.events, w.batch), func(b *testing.B) {
			tr := benchTrainer(b, w.events, w.batch)
			if err := tr.Step(); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if err := tr.Step(); err != nil {
					b.Fatal(err)
				}
			}
			epochs := float64(b.N) / float64(tr.StepsPerEpoch())
			b.ReportMetric(epochs/b.Elapsed().Seconds(), "epochs/s")
		})
	}
}

// BenchmarkEpochSeed trains config.SeedRecipe (25000 events, the whole
// training part as one batch, learning rate 5e-4, overtraining cut-off
// on) to the end and reports the seconds and epochs of the run.
//
// NOTE: the run stops after 508 epochs and took 24 s of CPU time on one
// core of a 2-core AMD EPYC virtual machine shared with other jobs (Go
// 1.26), more than twice the 10 s aimed at. The forward passes are about
// half of it.
func BenchmarkEpochSeed(b *testing.B) {
	if runtime.GOARCH == "wasm" {
		b.Skip("the seed run takes minutes under WebAssembly; run it natively")
	}
	cfg := config.SeedRecipe()
	train, val := moons(cfg, cfg.NEvents, 1)
	for range b.N {
		tr, err := NewTrainer(cfg, train, val, 1)
		if err != nil {
			b.Fatal(err)
		}
		for !tr.Done() {
			if err := tr.RunEpoch(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(tr.Epoch()), "epochs")
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/run")
}

// BenchmarkWorkChunk measures Work calls with a chunk of 2048 events on
// the seed's workload, config.SeedRecipe. That is an MLP 2-40-40-20-3 with
// the relegator loss and input dropout 0.05. It trains on a moons training
// part of 18750 events as one batch and is measured on 6250 validation
// events.
// The sub-benchmarks forward, backward and measure run one 2048-event
// piece of those passes again and again, and loss the call that computes
// the loss of the whole batch alone. steps runs the calls of training in
// order, whose mean cost is events/op times the cost per event.
func BenchmarkWorkChunk(b *testing.B) {
	const chunk = 2048
	cfg := config.SeedRecipe()
	cfg.NEpochs = 1 << 30
	cfg.OTCutoff = false
	train, val := moons(cfg, cfg.NEvents, 1)
	pieces := []struct {
		name   string
		phase  stepPhase
		cursor int
	}{
		{"forward", phaseForward, 0},
		{"loss", phaseForward, train.Len()},
		{"backward", phaseBackward, 0},
		{"measure", phaseMeasureVal, 0},
		{"steps", phaseIdle, 0},
	}
	for _, p := range pieces {
		b.Run(p.name, func(b *testing.B) {
			tr, err := NewTrainer(cfg, train, val, 1)
			if err != nil {
				b.Fatal(err)
			}
			if err := tr.SetChunk(chunk); err != nil {
				b.Fatal(err)
			}
			// A whole step leaves every buffer that a piece reads filled.
			if err := tr.Step(); err != nil {
				b.Fatal(err)
			}
			events := 0
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if p.phase != phaseIdle {
					tr.phase, tr.cursor = p.phase, p.cursor
				}
				if err := tr.Work(); err != nil {
					b.Fatal(err)
				}
				events += tr.workEvents
			}
			b.ReportMetric(float64(events)/float64(b.N), "events/op")
		})
	}
}
