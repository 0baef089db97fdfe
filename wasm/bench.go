package main

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/nn"
)

// BenchOptions describe the standard speed workload: a relegator network
// (softmax over background, signal and relegated) with the given hidden
// widths, trained with Adam on Events fresh moons events in batches of
// Batch (0 for the whole sample) for Seconds of wall-clock time.
type BenchOptions struct {
	Events  int
	Batch   int
	Hidden  []int
	Seconds float64
}

// BenchResult is the speed of one benchmark. EpochsPerSecond and GFLOPS
// are per second of training time, the time spent inside trainer steps;
// the page's drawing between slices is left out.
type BenchResult struct {
	Epochs          float64
	TrainSeconds    float64
	WallSeconds     float64
	EpochsPerSecond float64
	GFLOPS          float64
}

// maxBenchSeconds bounds a benchmark's duration.
const maxBenchSeconds = 600

// benchRun is a benchmark in progress, run in frame slices like training.
type benchRun struct {
	opts          BenchOptions
	trainer       *nn.Trainer
	flopsPerEpoch float64
	stepsPerEpoch int
	steps         int
	trainSeconds  float64
	start         stamp
	timer         stepTimer
	err           error
	done          func(BenchResult, error)
	// resume reports whether training ran before the benchmark.
	resume bool
}

// newBench checks o and builds the benchmark's data and trainer.
func newBench(o BenchOptions) (*benchRun, error) {
	if o.Events < 10 || o.Events > 10_000_000 {
		return nil, fmt.Errorf("bench events %d: must be in [10, 10000000]", o.Events)
	}
	if o.Batch < 0 {
		return nil, fmt.Errorf("bench batch %d: must be ≥ 0 (0 for the whole sample)", o.Batch)
	}
	if !(o.Seconds > 0 && o.Seconds <= maxBenchSeconds) {
		return nil, fmt.Errorf("bench seconds %g: must be in (0, %d]", o.Seconds, maxBenchSeconds)
	}
	if len(o.Hidden) == 0 {
		return nil, errors.New("bench hidden: must list at least one layer width, such as [40, 40, 20]")
	}
	c := config.Browser()
	c.ModelType = config.Relegator
	c.HiddenNodes = o.Hidden
	c.BatchSize = o.Batch
	c.OTCutoff = false
	c.NEpochs = 1_000_000
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	rng := rand.New(rand.NewPCG(c.Seed, 7))
	c.NEvents = o.Events
	train := data.GenerateTraining(c, rng)
	c.NEvents = 200
	val := data.GenerateTraining(c, rng)
	tr, err := nn.NewTrainer(c, train, val, c.Seed)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	return &benchRun{
		opts:          o,
		trainer:       tr,
		flopsPerEpoch: nn.TrainingFLOPs(train.NFeatures, o.Hidden, 3) * float64(train.Len()),
		stepsPerEpoch: tr.StepsPerEpoch(),
	}, nil
}

// slice runs benchmark steps within budget milliseconds and returns how
// many ran.
func (b *benchRun) slice(start time.Time, budget float64) int {
	if b.start == 0 {
		b.start = stampOf(start)
	}
	steps := 0
	for !b.finished() && b.timer.fits(msSince(start), budget, steps) {
		t0 := time.Now()
		err := b.trainer.Step()
		d := time.Since(t0)
		b.trainSeconds += d.Seconds()
		b.timer.record(1, float64(d)/float64(time.Millisecond))
		b.steps++
		steps++
		if err != nil {
			b.err = err
		}
	}
	return steps
}

// finished reports whether the benchmark has run its time or failed.
func (b *benchRun) finished() bool {
	return b.err != nil || b.trainer.Done() ||
		(b.start != 0 && b.start.since(time.Now()).Seconds() >= b.opts.Seconds)
}

// result returns the measured speed.
func (b *benchRun) result() BenchResult {
	r := BenchResult{
		Epochs:       float64(b.steps) / float64(b.stepsPerEpoch),
		TrainSeconds: b.trainSeconds,
		WallSeconds:  b.start.since(time.Now()).Seconds(),
	}
	if r.TrainSeconds > 0 {
		r.EpochsPerSecond = r.Epochs / r.TrainSeconds
		r.GFLOPS = r.Epochs * b.flopsPerEpoch / r.TrainSeconds / 1e9
	}
	return r
}

// StartBench starts the benchmark o in the frames to come, pausing
// training meanwhile, and calls done with its result.
func (a *App) StartBench(o BenchOptions, done func(BenchResult, error)) error {
	if a.bench != nil {
		return errors.New("bench: a benchmark is already running; wait for its result")
	}
	b, err := newBench(o)
	if err != nil {
		return err
	}
	b.done = done
	b.resume = a.running
	a.running = false
	a.bench = b
	a.changedUI()
	return nil
}

// Benchmarking reports whether a benchmark runs.
func (a *App) Benchmarking() bool { return a.bench != nil }

// finishBench ends the benchmark, resumes training and reports the result.
func (a *App) finishBench() {
	b := a.bench
	a.bench = nil
	a.running = b.resume && a.exp != nil && !a.exp.Trainer.Done()
	a.changedUI()
	if b.done != nil {
		b.done(b.result(), b.err)
	}
}
