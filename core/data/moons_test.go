package data

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
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

func TestSplitPartitionsEvents(t *testing.T) {
	c := config.Default()
	c.NEvents = 1001
	rng := rand.New(rand.NewPCG(3, 4))
	d := GenerateTraining(c, rng)
	train, val := d.Split(0.25, rng)
	if val.Len() != 251 || train.Len() != 750 {
		t.Errorf("Split(0.25) of 1001 = %d train, %d val; want 750, 251", train.Len(), val.Len())
	}

	// Every event lands in exactly one part, with its features and label.
	type event struct {
		x1, x2, m float64
		label     int
	}
	collect := func(parts ...*Dataset) []event {
		var out []event
		for _, p := range parts {
			for i := range p.Len() {
				out = append(out, event{p.X[2*i], p.X[2*i+1], p.M[i], p.Label[i]})
			}
		}
		slices.SortFunc(out, func(a, b event) int { return cmp.Compare(a.m, b.m) })
		return out
	}
	if !slices.Equal(collect(train, val), collect(d)) {
		t.Error("train and val together differ from the split dataset")
	}
}

func TestSplitEdgeFractions(t *testing.T) {
	d := GenerateTraining(config.Default(), rand.New(rand.NewPCG(1, 1))).Subset([]int{0, 1, 2, 3})
	tests := []struct {
		fraction float64
		nVal     int
	}{{0, 0}, {-1, 0}, {math.NaN(), 0}, {0.01, 1}, {0.5, 2}, {1, 4}, {7, 4}}
	for _, tt := range tests {
		train, val := d.Split(tt.fraction, rand.New(rand.NewPCG(1, 1)))
		if val.Len() != tt.nVal || train.Len() != 4-tt.nVal {
			t.Errorf("Split(%g) of 4 = %d train, %d val; want %d val", tt.fraction, train.Len(), val.Len(), tt.nVal)
		}
	}
}

func TestGenerateSameSeedSameData(t *testing.T) {
	c := config.Browser()
	a := GenerateTraining(c, rand.New(rand.NewPCG(9, 9)))
	b := GenerateTraining(c, rand.New(rand.NewPCG(9, 9)))
	if !slices.Equal(a.X, b.X) || !slices.Equal(a.M, b.M) || !slices.Equal(a.Label, b.Label) {
		t.Error("two draws from the same seed differ")
	}
}

func TestGenerateTrainingShuffled(t *testing.T) {
	d := GenerateTraining(config.Browser(), rand.New(rand.NewPCG(2, 2)))
	// In arc order the first half would be background only.
	_, ns := countLabels(d.Subset([]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}))
	if ns == 0 || ns == 20 {
		t.Errorf("first 20 events hold %d signal events; the sample is not shuffled", ns)
	}
}

func TestBackgroundMassTruncated(t *testing.T) {
	c := config.Default()
	c.MinFOM, c.MaxFOM, c.MeanFOM = 2, 3, 2.5 // far in the tail of the exponential
	d := GenerateClass(c, Background, 2000, rand.New(rand.NewPCG(4, 4)))
	var sum float64
	for _, m := range d.M {
		if m < 2 || m > 3 {
			t.Fatalf("mass %g outside [2, 3]", m)
		}
		sum += m
	}
	// The truncated exponential on [a, b] has mean a + beta - (b-a)/(e^((b-a)/beta) - 1).
	want := 2 + c.BkgdBeta - 1/math.Expm1(1/c.BkgdBeta)
	if got := sum / 2000; math.Abs(got-want) > 0.02 {
		t.Errorf("mean mass %.4f, want %.4f", got, want)
	}
}

func BenchmarkGenerateTraining(b *testing.B) {
	c := config.Default()
	rng := rand.New(rand.NewPCG(1, 1))
	b.ReportAllocs()
	for b.Loop() {
		GenerateTraining(c, rng)
	}
}
