package data

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"

	"github.com/relegator/relegator/core/config"
)

// ksAlpha is the level of each two-sample Kolmogorov-Smirnov test. The
// samples are drawn from fixed seeds, so a test either always passes or
// always fails. The level sets how far apart the distributions may look.
const ksAlpha = 0.001

// ksCritical returns the asymptotic critical value of the two-sample
// Kolmogorov-Smirnov statistic at level alpha for samples of n and m
// points: sqrt(-ln(alpha/2)/2) sqrt((n+m)/(n m)). For alpha = 0.001 the
// first factor is 1.9495, so for two samples of 12500 the critical value
// is 0.0247, and for 1000 signal events against 1000 it is 0.0872.
func ksCritical(alpha float64, n, m int) float64 {
	return math.Sqrt(-math.Log(alpha/2)/2) * math.Sqrt(float64(n+m)/float64(n*m))
}

// column returns variable v (0 = x1, 1 = x2, 2 = m) of the events of one
// class, sorted.
func column(d *Dataset, class, v int) []float64 {
	var out []float64
	for i, l := range d.Label {
		if l != class {
			continue
		}
		if v < 2 {
			out = append(out, d.X[i*d.NFeatures+v])
		} else {
			out = append(out, d.M[i])
		}
	}
	slices.Sort(out)
	return out
}

// compareSamples checks that two samples of one variable come from the same
// distribution: means and standard deviations within 5 standard errors,
// five quantiles of a placing the same fraction of b below them within 5
// standard errors, and the Kolmogorov-Smirnov statistic below its
// critical value. a and b are sorted.
func compareSamples(t *testing.T, a, b []float64) {
	t.Helper()
	na, nb := float64(len(a)), float64(len(b))

	meanA, varA := stat.MeanVariance(a, nil)
	meanB, varB := stat.MeanVariance(b, nil)
	if se := math.Sqrt(varA/na + varB/nb); math.Abs(meanA-meanB) > 5*se {
		t.Errorf("mean %.5f, file %.5f: differ by %.1f standard errors", meanA, meanB, math.Abs(meanA-meanB)/se)
	}

	// The standard error of a standard deviation s is about
	// sqrt(mu4 - s^4) / (2 s sqrt(n)), with mu4 the fourth central moment.
	sdA, sdB := math.Sqrt(varA), math.Sqrt(varB)
	seSD := func(x []float64, mean, sd, n float64) float64 {
		mu4 := stat.MomentAbout(4, x, mean, nil)
		return math.Sqrt(mu4-sd*sd*sd*sd) / (2 * sd * math.Sqrt(n))
	}
	if se := math.Hypot(seSD(a, meanA, sdA, na), seSD(b, meanB, sdB, nb)); math.Abs(sdA-sdB) > 5*se {
		t.Errorf("standard deviation %.5f, file %.5f: differ by %.1f standard errors", sdA, sdB, math.Abs(sdA-sdB)/se)
	}

	for _, q := range []float64{0.05, 0.25, 0.5, 0.75, 0.95} {
		x := stat.Quantile(q, stat.Empirical, a, nil)
		below := float64(countBelow(b, x)) / nb
		tol := 5*math.Sqrt(q*(1-q)*(1/na+1/nb)) + 1/na
		if math.Abs(below-q) > tol {
			t.Errorf("quantile %.2f at %.5f: file has %.4f below it, tolerance %.4f", q, x, below, tol)
		}
	}

	d := stat.KolmogorovSmirnov(a, nil, b, nil)
	if crit := ksCritical(ksAlpha, len(a), len(b)); d > crit {
		t.Errorf("Kolmogorov-Smirnov statistic %.4f > critical value %.4f at level %g", d, crit, ksAlpha)
	}
}

// countBelow returns the number of values of the sorted x that are ≤ v.
func countBelow(x []float64, v float64) int {
	i, _ := slices.BinarySearch(x, math.Nextafter(v, math.Inf(1)))
	return i
}

func TestGeneratorMatchesSharedSamples(t *testing.T) {
	tests := []struct {
		file     string
		noise    float64
		n        int
		analysis bool
	}{
		{"moons-mass-noise0.2-n25000.csv", 0.2, 25000, false},
		{"moons-mass-noise0.4-n20000.csv", 0.4, 20000, false},
		{"moons-mass-noise1.0-n20000.csv", 1.0, 20000, false},
		{"weighted-f0.01-noise0.2-n100000.csv", 0.2, 100000, true},
	}
	names := []string{"x1", "x2", "m"}
	for i, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			file := loadShared(t, tt.file)
			c := config.Default()
			c.Noise = tt.noise
			rng := rand.New(rand.NewPCG(uint64(i), 7))
			var gen *Dataset
			if tt.analysis {
				c.WeightedNEvents = tt.n
				gen = GenerateAnalysis(c, rng)
			} else {
				c.NEvents = tt.n
				gen = GenerateTraining(c, rng)
			}
			for _, class := range []int{Background, Signal} {
				for v, name := range names {
					t.Run(fmt.Sprintf("class%d/%s", class, name), func(t *testing.T) {
						compareSamples(t, column(gen, class, v), column(file, class, v))
					})
				}
			}
		})
	}
}

func TestGenerateClassMatchesSample(t *testing.T) {
	file := loadShared(t, "moons-mass-noise0.2-n25000.csv")
	rng := rand.New(rand.NewPCG(11, 7))
	for _, class := range []int{Background, Signal} {
		gen := GenerateClass(config.Default(), class, 12500, rng)
		for _, l := range gen.Label {
			if l != class {
				t.Fatalf("GenerateClass(%d) made an event of class %d", class, l)
			}
		}
		for v, name := range []string{"x1", "x2", "m"} {
			t.Run(fmt.Sprintf("class%d/%s", class, name), func(t *testing.T) {
				compareSamples(t, column(gen, class, v), column(file, class, v))
			})
		}
	}
}

// TestCompareSamplesDetectsAngle checks that the comparison can fail: the
// x2 of a background rotated by 1.3 in place of 1.4 must differ
// significantly from the file.
func TestCompareSamplesDetectsAngle(t *testing.T) {
	file := loadShared(t, "moons-mass-noise0.2-n25000.csv")
	c := config.Default()
	c.Angle = 1.3
	gen := GenerateClass(c, Background, 12500, rand.New(rand.NewPCG(5, 7)))
	a, b := column(gen, Background, 1), column(file, Background, 1)
	d := stat.KolmogorovSmirnov(a, nil, b, nil)
	if crit := ksCritical(ksAlpha, len(a), len(b)); d <= crit {
		t.Errorf("angle 1.3 against 1.4: statistic %.4f ≤ critical value %.4f", d, crit)
	}
}
