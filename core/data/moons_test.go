package data

import (
	"math/rand/v2"
	"testing"

	"github.com/relegator/relegator/core/config"
)

func countLabels(d *Dataset) (nb, ns int) {
	for _, l := range d.Label {
		if l == Signal {
			ns++
		} else {
			nb++
		}
	}
	return nb, ns
}

func TestGenerateCounts(t *testing.T) {
	c := config.Default()
	c.NEvents = 1001
	c.WeightedNEvents = 100000
	rng := rand.New(rand.NewPCG(1, 2))

	tr := GenerateTraining(c, rng)
	if nb, ns := countLabels(tr); nb != 500 || ns != 501 {
		t.Errorf("training: %d background, %d signal, want 500, 501", nb, ns)
	}
	an := GenerateAnalysis(c, rng)
	if nb, ns := countLabels(an); nb != 99000 || ns != 1000 {
		t.Errorf("analysis: %d background, %d signal, want 99000, 1000", nb, ns)
	}
	for _, d := range []*Dataset{tr, an} {
		if len(d.X) != 2*d.Len() || len(d.M) != d.Len() || d.NFeatures != 2 {
			t.Errorf("column lengths X %d, M %d for %d events", len(d.X), len(d.M), d.Len())
		}
		for i, m := range d.M {
			if d.Label[i] == Background && (m < c.MinFOM || m > c.MaxFOM) {
				t.Fatalf("background mass %g outside [%g, %g]", m, c.MinFOM, c.MaxFOM)
			}
		}
	}
}

func TestSplitSizes(t *testing.T) {
	c := config.Default()
	c.NEvents = 1001
	rng := rand.New(rand.NewPCG(3, 4))
	d := GenerateTraining(c, rng)
	train, val := d.Split(0.25, rng)
	if val.Len() != 251 || train.Len() != 750 {
		t.Errorf("Split(0.25) of 1001 = %d train, %d val; want 750, 251", train.Len(), val.Len())
	}
	var sum, sumSplit float64
	for _, m := range d.M {
		sum += m
	}
	for _, part := range []*Dataset{train, val} {
		for _, m := range part.M {
			sumSplit += m
		}
	}
	if sum != sumSplit && (sum-sumSplit)/sum > 1e-12 {
		t.Errorf("sum of masses %g after split, %g before", sumSplit, sum)
	}
}
