package eval

import (
	"fmt"
	"math"
	"testing"

	"github.com/relegator/relegator/core/config"
)

// bayesConfig returns the reference configuration with the moons and
// analysis settings of one row of the Bayes reference table.
func bayesConfig(row map[string]float64) config.Config {
	c := config.Default()
	c.Noise = row["noise"]
	c.Angle = row["angle"]
	c.SigFraction = row["signal_fraction"]
	c.WeightedNEvents = int(row["weighted_events"])
	return c
}

func TestBayesReferenceTable(t *testing.T) {
	rows := readCSV(t, sharedPath(t, "reference/bayes_limit.csv"))
	bl := NewBayesLimit()
	for _, row := range rows {
		c := bayesConfig(row)
		name := fmt.Sprintf("noise=%g f=%g", c.Noise, c.SigFraction)
		t.Run(name, func(t *testing.T) {
			if lo, hi := c.WindowLow(), c.WindowHigh(); math.Abs(lo-row["window_low"]) > 1e-9 ||
				math.Abs(hi-row["window_high"]) > 1e-9 {
				t.Fatalf("window [%g, %g], reference [%g, %g]", lo, hi, row["window_low"], row["window_high"])
			}
			r, err := bl.Compute(c)
			if err != nil {
				t.Fatal(err)
			}
			if d := relDiff(r.Z, row["bayes_significance"]); d > 0.02 {
				t.Errorf("Z = %.3f, reference %.2f (%.2f%% off)", r.Z, row["bayes_significance"], 100*d)
			}
			// Z is flat near its maximum, so the counts at the best cut
			// move more than Z does between grids.
			if d := relDiff(r.PassSig, row["bayes_pass_signal"]); d > 0.02 {
				t.Errorf("pass signal %.1f, reference %.1f", r.PassSig, row["bayes_pass_signal"])
			}
			if d := relDiff(r.PassBkgd, row["bayes_pass_background"]); d > 0.05 {
				t.Errorf("pass background %.1f, reference %.1f", r.PassBkgd, row["bayes_pass_background"])
			}
			if d := relDiff(r.RawZ, row["raw_significance"]); d > 0.005 {
				t.Errorf("raw Z = %.3f, reference %.2f (%.2f%% off)", r.RawZ, row["raw_significance"], 100*d)
			}
			t.Logf("Z %.3f ref %.2f (%+.2f%%); S %.1f ref %.1f; B %.1f ref %.1f; %d cells",
				r.Z, row["bayes_significance"], 100*(r.Z/row["bayes_significance"]-1),
				r.PassSig, row["bayes_pass_signal"], r.PassBkgd, row["bayes_pass_background"], r.Cells)
		})
	}
}

// relDiff returns |got - want| / |want|.
func relDiff(got, want float64) float64 { return math.Abs(got-want) / math.Abs(want) }

func BenchmarkBayes(b *testing.B) {
	for _, noise := range []float64{0.02, 0.1, 0.2, 1} {
		b.Run(fmt.Sprintf("noise=%g", noise), func(b *testing.B) {
			c := config.Default()
			c.Noise = noise
			bl := NewBayesLimit()
			for b.Loop() {
				// A new noise value invalidates the cached grid, as a
				// slider move in the browser does.
				c.Noise = math.Nextafter(c.Noise, 2)
				if _, err := bl.Compute(c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("cached grid", func(b *testing.B) {
		c := config.Default()
		bl := NewBayesLimit()
		for b.Loop() {
			// Only the signal fraction changes, so the ranked grid is reused.
			c.SigFraction = math.Nextafter(c.SigFraction, 1)
			if _, err := bl.Compute(c); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestBayesEdgeCases(t *testing.T) {
	// Each case changes one value of the reference configuration and
	// checks the result.
	type check func(t *testing.T, r BayesResult)
	zeroZ := func(t *testing.T, r BayesResult) {
		if r.Z != 0 || r.RawZ != 0 {
			t.Errorf("Z, raw Z = %g, %g, want 0, 0", r.Z, r.RawZ)
		}
	}
	cases := []struct {
		name   string
		change func(*config.Config)
		check  check
	}{{
		name:   "noiseless moons separate",
		change: func(c *config.Config) { c.Noise = 0 },
		check: func(t *testing.T, r BayesResult) {
			if r.PassSig != r.RawSig || r.PassBkgd != 0 {
				t.Errorf("pass S, B = %g, %g, want %g, 0", r.PassSig, r.PassBkgd, r.RawSig)
			}
		},
	}, {
		name:   "small noise near separation",
		change: func(c *config.Config) { c.Noise = 0.01 },
		check: func(t *testing.T, r BayesResult) {
			if want := math.Sqrt(r.RawSig); r.Z < 0.98*want || r.Z > want {
				t.Errorf("Z = %g, want just below sqrt(raw S) = %g", r.Z, want)
			}
		},
	}, {
		name:   "no signal",
		change: func(c *config.Config) { c.SigFraction = 0 },
		check:  zeroZ,
	}, {
		name:   "no events",
		change: func(c *config.Config) { c.WeightedNEvents = 0 },
		check:  zeroZ,
	}, {
		name:   "signal only",
		change: func(c *config.Config) { c.SigFraction = 1 },
		check: func(t *testing.T, r BayesResult) {
			// The grid truncates the Gaussian tails beyond 6 sigma.
			if want := math.Sqrt(r.RawSig); math.Abs(r.Z-want) > 1e-6*want {
				t.Errorf("Z = %g, want sqrt(raw S) = %g", r.Z, want)
			}
		},
	}, {
		name:   "large noise beats raw",
		change: func(c *config.Config) { c.Noise = 3 },
		check: func(t *testing.T, r BayesResult) {
			if r.Z < r.RawZ {
				t.Errorf("Z = %g below raw Z = %g", r.Z, r.RawZ)
			}
		},
	}, {
		name:   "asimov formula",
		change: func(c *config.Config) { c.SignifFormula = config.Asimov },
		check: func(t *testing.T, r BayesResult) {
			if !(r.Z > r.RawZ) {
				t.Errorf("Z = %g, want above raw Z = %g", r.Z, r.RawZ)
			}
		},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := config.Default()
			tc.change(&c)
			r, err := Bayes(c)
			if err != nil {
				t.Fatal(err)
			}
			fields := []float64{r.Z, r.PassSig, r.PassBkgd, r.EffSig, r.EffBkgd,
				r.RawZ, r.RawSig, r.RawBkgd}
			for _, v := range fields {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("result %+v has a non-finite field", r)
				}
			}
			tc.check(t, r)
		})
	}
}

func TestBayesInvalidConfig(t *testing.T) {
	cases := []struct {
		name   string
		change func(*config.Config)
	}{
		{"negative noise", func(c *config.Config) { c.Noise = -0.1 }},
		{"NaN noise", func(c *config.Config) { c.Noise = math.NaN() }},
		{"infinite angle", func(c *config.Config) { c.Angle = math.Inf(1) }},
		{"fraction above 1", func(c *config.Config) { c.SigFraction = 1.5 }},
		{"negative events", func(c *config.Config) { c.WeightedNEvents = -1 }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := config.Default()
			tc.change(&c)
			if _, err := Bayes(c); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestBayesCacheMatchesFresh(t *testing.T) {
	bl := NewBayesLimit()
	c := config.Default()
	steps := []func(*config.Config){
		func(c *config.Config) {},
		func(c *config.Config) { c.SigFraction = 0.05 },
		func(c *config.Config) { c.Noise = 0.4 },
		func(c *config.Config) { c.Angle = 0.3 },
		func(c *config.Config) { c.NSigmas = 1.5 },
	}
	for i, step := range steps {
		step(&c)
		got, err := bl.Compute(c)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Bayes(c)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("step %d: cached %+v, fresh %+v", i, got, want)
		}
	}
}

func TestBayesCoarseGrids(t *testing.T) {
	// Coarser grids rank cells of mixed likelihood ratio together, which
	// can only lower Z. These bounds back the trade-off that the
	// NewBayesLimit documentation states.
	rows := readCSV(t, sharedPath(t, "reference/bayes_limit.csv"))
	cases := []struct {
		cellsPerSigma, maxDev float64
	}{
		{2, 0.012},
		{4, 0.004},
		{6, 0.002},
	}
	for _, tc := range cases {
		bl := NewBayesLimit()
		bl.CellsPerSigma = tc.cellsPerSigma
		worst := 0.0
		for _, row := range rows {
			r, err := bl.Compute(bayesConfig(row))
			if err != nil {
				t.Fatal(err)
			}
			worst = max(worst, relDiff(r.Z, row["bayes_significance"]))
		}
		if worst > tc.maxDev {
			t.Errorf("%g cells per sigma: max deviation %.2f%%, want at most %.2f%%",
				tc.cellsPerSigma, 100*worst, 100*tc.maxDev)
		}
	}
}

func BenchmarkBayesCells(b *testing.B) {
	for _, cells := range []float64{2, 4, 6, 10} {
		b.Run(fmt.Sprintf("cells=%g", cells), func(b *testing.B) {
			c := config.Default()
			bl := NewBayesLimit()
			bl.CellsPerSigma = cells
			for b.Loop() {
				c.Noise = math.Nextafter(c.Noise, 1)
				if _, err := bl.Compute(c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestBayesCacheFollowsSettings(t *testing.T) {
	bl := NewBayesLimit()
	c := config.Default()
	if _, err := bl.Compute(c); err != nil {
		t.Fatal(err)
	}
	bl.CellsPerSigma = 2
	got, err := bl.Compute(c)
	if err != nil {
		t.Fatal(err)
	}
	fresh := NewBayesLimit()
	fresh.CellsPerSigma = 2
	want, err := fresh.Compute(c)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("after a change of CellsPerSigma: %+v, fresh %+v", got, want)
	}
}
