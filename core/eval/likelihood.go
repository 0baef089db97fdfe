package eval

import (
	"math"

	"github.com/relegator/relegator/core/config"
)

// massLikelihood is the Poisson negative log-likelihood of a histogram
// under the peak-plus-exponential model, divided by the total count so
// that gradient thresholds do not depend on the sample size.
//
// The expected count of a bin is the model's average over the bin, not its
// value at the centre, so a peak narrower than a bin keeps its width. Such
// peaks are common after a tight selection, which leaves few events and so
// few, wide bins. The Gaussian part is integrated with erf, and the slowly
// varying exponential by 3-point Gauss-Legendre quadrature.
//
// The minimiser's parameters are scaled to similar sizes: ln A,
// (Mu - mu0)/sigma0, ln Sigma, ln C and Lambda*(Hi - Lo), with mu0 and
// sigma0 the starting peak.
type massLikelihood struct {
	h           Hist
	centres     []float64
	nodes       [][3]float64 // quadrature nodes of each bin
	total       float64
	mu0, sigma0 float64
	span        float64
	scratch     [5]float64
	sqrt2Pi     float64
}

// Three-point Gauss-Legendre nodes on [-1, 1] and weights normalised to sum
// to 1.
var (
	legendreNodes   = [3]float64{-math.Sqrt(0.6), 0, math.Sqrt(0.6)}
	legendreWeights = [3]float64{5.0 / 18, 8.0 / 18, 5.0 / 18}
)

func newMassLikelihood(h Hist) *massLikelihood {
	nb := len(h.Counts)
	f := &massLikelihood{
		h:       h,
		centres: make([]float64, nb),
		nodes:   make([][3]float64, nb),
		total:   h.Total(),
		span:    h.Hi - h.Lo,
		sqrt2Pi: math.Sqrt(2 * math.Pi),
	}
	half := h.Width() / 2
	for i := range f.centres {
		f.centres[i] = h.Centre(i)
		for q, x := range legendreNodes {
			f.nodes[i][q] = f.centres[i] + half*x
		}
	}
	return f
}

// massParams are the natural parameters of the mass model.
type massParams struct {
	a, mu, sigma, c, lambda float64
}

// natural returns the natural parameters of the minimiser's parameters p.
func (f *massLikelihood) natural(p []float64) massParams {
	return massParams{
		a:      math.Exp(p[0]),
		mu:     f.mu0 + f.sigma0*p[1],
		sigma:  math.Exp(p[2]),
		c:      math.Exp(p[3]),
		lambda: p[4] / f.span,
	}
}

// expect returns the expected peak and background counts of bin i at q,
// and writes into d the derivatives of their sum with respect to A, Mu,
// Sigma, C and Lambda.
func (f *massLikelihood) expect(i int, q massParams, d *[5]float64) (peak, bkgd float64) {
	a, mu, sigma, c, lambda := q.a, q.mu, q.sigma, q.c, q.lambda
	w := f.h.Width()
	lo, hi := f.centres[i]-w/2, f.centres[i]+w/2
	zLo, zHi := (lo-mu)/sigma, (hi-mu)/sigma
	mass := normalMass(zLo, zHi)
	gLo, gHi := math.Exp(-zLo*zLo/2), math.Exp(-zHi*zHi/2)
	shape := sigma * f.sqrt2Pi * mass / w
	peak = a * shape
	d[0] = shape
	d[1] = a * (gLo - gHi) / w
	d[2] = a * (zLo*gLo - zHi*gHi + f.sqrt2Pi*mass) / w

	var e, me float64
	for k, m := range f.nodes[i] {
		v := legendreWeights[k] * math.Exp(-lambda*m)
		e += v
		me += m * v
	}
	bkgd = c * e
	d[3] = e
	d[4] = -c * me
	return peak, bkgd
}

// normalMass returns the standard normal probability of [zLo, zHi],
// computed from erfc on the side of the tail so that far bins keep their
// relative precision.
func normalMass(zLo, zHi float64) float64 {
	switch {
	case zLo > 0:
		return 0.5 * (math.Erfc(zLo/math.Sqrt2) - math.Erfc(zHi/math.Sqrt2))
	case zHi < 0:
		return 0.5 * (math.Erfc(-zHi/math.Sqrt2) - math.Erfc(-zLo/math.Sqrt2))
	}
	return 0.5 * (math.Erf(zHi/math.Sqrt2) - math.Erf(zLo/math.Sqrt2))
}

// muFloor keeps the logarithm of an expected count finite.
const muFloor = 1e-300

func (f *massLikelihood) value(p []float64) float64 {
	q := f.natural(p)
	var nll float64
	for i, n := range f.h.Counts {
		peak, bkgd := f.expect(i, q, &f.scratch)
		expected := math.Max(peak+bkgd, muFloor)
		nll += expected
		if n > 0 {
			nll -= n * math.Log(expected)
		}
	}
	if math.IsNaN(nll) {
		return math.Inf(1)
	}
	return nll / f.total
}

func (f *massLikelihood) gradient(grad, p []float64) {
	q := f.natural(p)
	// Chain factors from the natural to the minimiser's parameters.
	chain := [5]float64{q.a, f.sigma0, q.sigma, q.c, 1 / f.span}
	clear(grad)
	for i, n := range f.h.Counts {
		peak, bkgd := f.expect(i, q, &f.scratch)
		expected := math.Max(peak+bkgd, muFloor)
		r := (1 - n/expected) / f.total
		for j, d := range f.scratch {
			grad[j] += r * d * chain[j]
		}
	}
}

// start sets mu0 and sigma0 and returns the initial parameters: the window
// and slope of c, the background level from the bins outside the window
// and the peak height from the excess inside it.
func (f *massLikelihood) start(c config.Config) []float64 {
	mu, sigma := c.MeanFOM, c.WidthFOM
	if !(sigma > 0) || !(mu > f.h.Lo && mu < f.h.Hi) {
		mu, sigma = (f.h.Lo+f.h.Hi)/2, f.span/20
	}
	f.mu0, f.sigma0 = mu, sigma
	lambda := 1 / c.BkgdBeta
	if !(lambda >= 0) || math.IsInf(lambda, 0) {
		lambda = 0
	}

	unit := massParams{a: 1, mu: mu, sigma: sigma, c: 1, lambda: lambda}
	var sideCounts, sideShape, inCounts, inShape, peakShape float64
	var d [5]float64
	for i, n := range f.h.Counts {
		peak, bkgd := f.expect(i, unit, &d)
		if math.Abs(f.centres[i]-mu) > 3*sigma {
			sideCounts += n
			sideShape += bkgd
			continue
		}
		inCounts += n
		inShape += bkgd
		peakShape += peak
	}
	level := math.Max(sideCounts, 0.5) / math.Max(sideShape, 1e-300)
	height := math.Max(inCounts-level*inShape, 0.5) / math.Max(peakShape, 1e-300)
	return []float64{math.Log(height), 0, math.Log(sigma), math.Log(level), lambda * f.span}
}
