package main

import (
	"testing"

	"github.com/relegator/relegator/core"
	"github.com/relegator/relegator/core/config"
)

// smallRecipe trains a small sample for a few epochs, so a fit takes well
// under a second.
func smallRecipe() Recipe {
	c := config.Default()
	c.NEvents = 2000
	c.WeightedNEvents = 20000
	c.BatchSize = 256
	c.NEpochs = 5
	return Recipe{Name: "small", Config: c}
}

func TestRunFitMeasuresExpectedPass(t *testing.T) {
	j := Job{Recipe: smallRecipe(), Model: config.Relegator, Point: Point{0.2, 1.4, 0.1}, Seed: 3}
	r := RunFit(j, 20000)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if r.Epochs != 5 || r.Stop != "max epochs" {
		t.Errorf("fit ran %d epochs and stopped for %q, want 5 and max epochs", r.Epochs, r.Stop)
	}
	if !(r.Seconds > 0) {
		t.Errorf("training time %g s, want > 0", r.Seconds)
	}
	if !(r.S > 0 && r.B >= 0 && r.Z > 0) {
		t.Errorf("expected pass S %g, B %g, Z %g: want S > 0, B ≥ 0, Z > 0", r.S, r.B, r.Z)
	}
	again := RunFit(j, 20000)
	if again.Z != r.Z {
		t.Errorf("the same job gave Z %g and %g; fits must be reproducible", r.Z, again.Z)
	}
}

func TestRunFitReportsInvalidConfig(t *testing.T) {
	j := Job{Recipe: smallRecipe(), Model: "perceptron", Point: Point{0.2, 1.4, 0.01}, Seed: 1}
	if r := RunFit(j, 1000); r.Err == nil {
		t.Error("a fit of an unknown model type returned no error")
	}
}

func TestRunAllKeepsJobOrder(t *testing.T) {
	jobs := []Job{
		{Recipe: smallRecipe(), Model: config.Regress, Point: Point{0.3, 1.4, 0.05}, Seed: 1},
		{Recipe: smallRecipe(), Model: config.BinarySoftmax, Point: Point{0.2, 1.4, 0.05}, Seed: 2},
		{Recipe: smallRecipe(), Model: config.Relegator, Point: Point{0.2, 1.4, 0.05}, Seed: 3},
	}
	calls := 0
	cost := func(j Job) float64 { return float64(j.Seed) }
	results := RunAll(jobs, 2, 5000, cost, func(FitResult) { calls++ })
	if calls != len(jobs) {
		t.Errorf("done was called %d times, want %d", calls, len(jobs))
	}
	for i, r := range results {
		if r.Job.Model != jobs[i].Model || r.Job.Point != jobs[i].Point || r.Job.Seed != jobs[i].Seed {
			t.Errorf("result %d is of %s %v seed %d, want %s %v seed %d", i,
				r.Job.Model, r.Job.Point, r.Job.Seed, jobs[i].Model, jobs[i].Point, jobs[i].Seed)
		}
		if r.Err != nil {
			t.Errorf("job %d: %v", i, r.Err)
		}
	}
}

// BenchmarkFitTuned measures the training time of one fit of the relegator
// at the reference configuration with the tuned recipe, the cost of one
// row entry of the benchmark. Data generation and evaluation are outside
// the timer.
func BenchmarkFitTuned(b *testing.B) { benchmarkFit(b, config.Tuned()) }

// BenchmarkFitDefault measures the same for config.Default(), which is
// what the seed's config_run.json gives: the seed's learning rate, epochs,
// dropout and cut-off with this product's batches and significance term.
func BenchmarkFitDefault(b *testing.B) { benchmarkFit(b, config.Default()) }

func benchmarkFit(b *testing.B, c config.Config) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c.Seed = uint64(i + 1)
		e, err := core.New(c)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := e.Run(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/fit")
}
