package data

import (
	"math"
	"math/rand/v2"

	"github.com/relegator/relegator/core/config"
)

// GenerateTraining returns the balanced training sample of c, shuffled:
// a two-moons draw of c.NEvents points, floor(n/2) of them background on
// the outer arc and the rest signal on the inner arc, each with its mass.
func GenerateTraining(c config.Config, rng *rand.Rand) *Dataset {
	n := max(c.NEvents, 0)
	nOut := n / 2
	d := newDataset(n)
	fillArc(d, 0, nOut, Background, c, rng)
	fillArc(d, nOut, n-nOut, Signal, c, rng)
	d.shuffle(rng)
	return d
}

// GenerateAnalysis returns the imbalanced analysis sample of c, shuffled:
// nb = int(N (1 - f)) background events, the outer arc of a two-moons draw
// of 2 nb points, and N - nb signal events, the inner arc of a draw of
// 2 (N - nb) points, with N = c.WeightedNEvents and f = c.SigFraction.
func GenerateAnalysis(c config.Config, rng *rand.Rand) *Dataset {
	n := max(c.WeightedNEvents, 0)
	nb := min(max(config.AnalysisBackground(n, c.SigFraction), 0), n)
	d := newDataset(n)
	fillArc(d, 0, nb, Background, c, rng)
	fillArc(d, nb, n-nb, Signal, c, rng)
	d.shuffle(rng)
	return d
}

// GenerateClass returns n events of one class, Background or Signal, drawn
// as one arc of the moons with its mass, in arc order. Large samples of one
// class give the selection efficiencies of a classifier. A class other than
// Background or Signal panics.
func GenerateClass(c config.Config, class, n int, rng *rand.Rand) *Dataset {
	if class != Background && class != Signal {
		panic("data: GenerateClass needs class Background or Signal")
	}
	n = max(n, 0)
	d := newDataset(n)
	fillArc(d, 0, n, class, c, rng)
	return d
}

// newDataset allocates a two-feature dataset of n events, one slice per
// column.
func newDataset(n int) *Dataset {
	return &Dataset{
		NFeatures: 2,
		X:         make([]float64, 2*n),
		Label:     make([]int, n),
		M:         make([]float64, n),
	}
}

// fillArc writes events start to start+n-1 of d: n points of one moon with
// t evenly spaced on [0, pi], ends included, as scikit-learn's make_moons
// places them. Background is the outer arc (cos t, sin t), rotated by
// c.Angle after the noise is added. Signal is the inner arc
// (1 - cos t, 1 - sin t - 0.5), not rotated.
func fillArc(d *Dataset, start, n, class int, c config.Config, rng *rand.Rand) {
	step := 0.0
	if n > 1 {
		step = math.Pi / float64(n-1)
	}
	sinA, cosA := math.Sincos(c.Angle)
	for i := range n {
		sinT, cosT := math.Sincos(float64(i) * step)
		var x1, x2 float64
		if class == Background {
			x1, x2 = cosT, sinT
		} else {
			x1, x2 = 1-cosT, 1-sinT-0.5
		}
		x1 += c.Noise * rng.NormFloat64()
		x2 += c.Noise * rng.NormFloat64()

		e := start + i
		if class == Background {
			x1, x2 = x1*cosA+x2*sinA, x2*cosA-x1*sinA
			d.M[e] = backgroundMass(c, rng)
		} else {
			d.M[e] = c.MeanFOM + c.WidthFOM*rng.NormFloat64()
		}
		d.X[2*e] = x1
		d.X[2*e+1] = x2
		d.Label[e] = class
	}
}

// backgroundMass draws m from an exponential of scale c.BkgdBeta truncated
// to [max(c.MinFOM, 0), c.MaxFOM]. The original research code redrew the
// exponential until m fell inside [min, max]. Inverting the truncated CDF
// gives the same distribution without a loop that could run for a very
// long time when the window lies far in the tail.
func backgroundMass(c config.Config, rng *rand.Rand) float64 {
	lo := max(c.MinFOM, 0)
	// F(m) = (1 - exp(-(m-lo)/beta)) / (1 - exp(-(hi-lo)/beta)) on [lo, hi].
	mass := -math.Expm1(-(c.MaxFOM - lo) / c.BkgdBeta)
	return lo - c.BkgdBeta*math.Log1p(-rng.Float64()*mass)
}
