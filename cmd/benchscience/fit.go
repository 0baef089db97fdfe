package main

import (
	"time"

	"github.com/relegator/relegator/core"
	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/eval"
)

// Recipe is a named base configuration: the training choices that a fit
// uses, to which each job sets its point, model type and seed.
type Recipe struct {
	Name   string
	Config config.Config
}

// Job is one fit: a recipe trained as one model type at one point with one
// seed.
type Job struct {
	Recipe Recipe
	Model  string
	Point  Point
	Seed   uint64
}

// Config returns the configuration of the job's fit.
func (j Job) Config() config.Config {
	c := j.Recipe.Config
	c.HiddenNodes = append([]int(nil), c.HiddenNodes...)
	c.Noise = j.Point.Noise
	c.Angle = j.Point.Angle
	c.SigFraction = j.Point.SigFraction
	c.ModelType = j.Model
	c.Seed = j.Seed
	return c
}

// FitResult is the outcome of one job.
type FitResult struct {
	Job Job
	// Z, S and B are the expected pass significance and the expected pass
	// counts of signal and background in the window.
	Z, S, B float64
	// Seconds is the wall time of training alone, without data
	// generation and evaluation.
	Seconds float64
	Epochs  int
	Stop    string
	Err     error
}

// expectedSeedOffset separates the seeds of the large evaluation samples
// from the seeds of the training data.
const expectedSeedOffset = 1 << 32

// RunFit generates the samples of j, trains to the end and measures the
// expected pass significance on perClass independent events per class.
func RunFit(j Job, perClass int) FitResult {
	r := FitResult{Job: j}
	cfg := j.Config()
	e, err := core.New(cfg)
	if err != nil {
		r.Err = err
		return r
	}
	start := time.Now()
	err = e.Run()
	r.Seconds = time.Since(start).Seconds()
	r.Epochs = e.Trainer.Epoch()
	r.Stop = e.Trainer.StopReason()
	if err != nil {
		r.Err = err
		return r
	}
	x, err := eval.ExpectedPass(e.Trainer.Model(), cfg, perClass, j.Seed+expectedSeedOffset)
	if err != nil {
		r.Err = err
		return r
	}
	r.Z, r.S, r.B = x.Z, x.S, x.B
	return r
}
