package main

import (
	"errors"
	"math"
	"testing"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/eval"
)

func TestMeanSD(t *testing.T) {
	tests := []struct {
		x        []float64
		mean, sd float64
	}{
		{x: []float64{3}, mean: 3, sd: 0},
		{x: []float64{1, 3}, mean: 2, sd: math.Sqrt2},
		{x: []float64{2, 4, 4, 4, 5, 5, 7, 9}, mean: 5, sd: math.Sqrt(32.0 / 7)},
	}
	for _, tt := range tests {
		mean, sd := meanSD(tt.x)
		if math.Abs(mean-tt.mean) > 1e-12 || math.Abs(sd-tt.sd) > 1e-12 {
			t.Errorf("meanSD(%v) = %g, %g, want %g, %g", tt.x, mean, sd, tt.mean, tt.sd)
		}
	}
	if mean, sd := meanSD(nil); !math.IsNaN(mean) || !math.IsNaN(sd) {
		t.Errorf("meanSD(nil) = %g, %g, want NaN, NaN", mean, sd)
	}
}

func TestSummariseGroupsFits(t *testing.T) {
	p := Point{0.2, 1.4, 0.01}
	q := Point{0.5, 1.4, 0.018}
	tuned := Recipe{Name: "tuned"}
	seed := Recipe{Name: seedRecipeName}
	results := []FitResult{
		{Job: Job{Recipe: tuned, Model: config.Relegator, Point: p, Seed: 1}, Z: 20, S: 500, B: 100, Seconds: 1, Epochs: 10},
		{Job: Job{Recipe: tuned, Model: config.Relegator, Point: p, Seed: 2}, Z: 22, S: 520, B: 90, Seconds: 3, Epochs: 20},
		{Job: Job{Recipe: seed, Model: config.Relegator, Point: p, Seed: 1}, Z: 16, Seconds: 60, Epochs: 500},
		{Job: Job{Recipe: tuned, Model: config.Regress, Point: q, Seed: 1}, Err: errors.New("diverged")},
		{Job: Job{Recipe: tuned, Model: config.Regress, Point: q, Seed: 2}, Z: 15, Seconds: 2, Epochs: 30},
	}
	bayes := map[Point]eval.BayesResult{p: {Z: 25}, q: {Z: 16}}
	ref := Reference{refKey{config.Relegator, p}: {PassMean: 22.61}}
	rows := Summarise(results, bayes, ref)
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}

	r := rows[0]
	if r.Recipe != "tuned" || r.Model != config.Relegator || r.Point != p {
		t.Errorf("row 0 is %s %s %v, want the tuned relegator at %v", r.Recipe, r.Model, r.Point, p)
	}
	if r.Fits != 2 || r.ZMean != 21 || math.Abs(r.ZSD-math.Sqrt2) > 1e-12 {
		t.Errorf("row 0: %d fits, Z %g ± %g, want 2 fits, Z 21 ± 1.414", r.Fits, r.ZMean, r.ZSD)
	}
	if r.SMean != 510 || r.BMean != 95 || r.Seconds != 2 || r.Epochs != 15 {
		t.Errorf("row 0: S %g, B %g, %g s, %g epochs, want 510, 95, 2, 15", r.SMean, r.BMean, r.Seconds, r.Epochs)
	}
	if r.Ratio() != 21.0/25 || !r.HasSeed || r.Seed.PassMean != 22.61 {
		t.Errorf("row 0: ratio %g, published %v %g, want 0.84, true 22.61", r.Ratio(), r.HasSeed, r.Seed.PassMean)
	}

	if rows[1].Recipe != seedRecipeName || rows[1].Fits != 1 || rows[1].ZSD != 0 {
		t.Errorf("row 1 = %+v, want one seed-recipe fit with sd 0", rows[1])
	}

	r = rows[2]
	if r.Fits != 1 || r.Failed != 1 || r.Error != "diverged" || r.ZMean != 15 || r.HasSeed {
		t.Errorf("row 2 = %+v, want 1 fit, 1 failure with its message, Z 15, nothing published", r)
	}
}
