package eval

import (
	"errors"
	"fmt"
	"math"

	"github.com/relegator/relegator/core/config"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// MassFit is a fit of a Gaussian peak over an exponential background to a
// histogram of the feature of merit. The model, in counts per bin, is
//
//	f(m) = A exp(-(m - Mu)^2 / (2 Sigma^2)) + C exp(-Lambda m),
//
// and the expected count of a bin is the average of f over the bin, so A
// and C are heights in counts per bin, and a peak narrower than a bin keeps
// its width.
type MassFit struct {
	A, Mu, Sigma, C, Lambda float64
	// AErr, MuErr, SigmaErr, CErr and LambdaErr are the standard errors
	// from the inverse of the expected Fisher information at the minimum.
	// They are 0, and HasErrors false, when that matrix is singular, for
	// example when the fitted peak is empty.
	AErr, MuErr, SigmaErr, CErr, LambdaErr float64
	HasErrors                              bool

	// NLL is the Poisson negative log-likelihood at the minimum, up to a
	// constant that does not depend on the parameters.
	NLL float64
	// Centres are the bin centres. Total and Background are the fitted
	// counts of each bin, of the whole model and of its exponential part.
	Centres, Total, Background []float64
	// Residuals are the counts minus the fitted background, and
	// ResidualErrs their errors sqrt(counts).
	Residuals, ResidualErrs []float64
}

// Sentinel errors of FitMass, for errors.Is.
var (
	// ErrEmptyHist is returned for a histogram without positive counts.
	ErrEmptyHist = errors.New("eval: mass histogram is empty")
	// ErrFitFailed is returned when the minimiser fails or ends outside the
	// valid parameter range.
	ErrFitFailed = errors.New("eval: mass fit failed")
)

// FitMass fits the histogram h by maximum Poisson likelihood, which handles
// the empty bins of a histogram after selection where a least-squares fit
// with sqrt(counts) errors would divide by zero. It starts from the peak
// c.MeanFOM, c.WidthFOM and the slope 1/c.BkgdBeta, with the background
// level taken from the bins outside the signal window and the peak height
// from the excess inside it. A, Sigma and C stay positive because the
// minimiser works on their logarithms.
//
// Counts of weighted events are treated as Poisson counts, which is exact
// only for unit weights. FitMass returns an error wrapping ErrEmptyHist or
// ErrFitFailed instead of parameters that are not finite.
func FitMass(h Hist, c config.Config) (MassFit, error) {
	nb := len(h.Counts)
	if nb < 5 || !(h.Lo < h.Hi) {
		return MassFit{}, fmt.Errorf("eval: mass histogram of %d bins over [%g, %g]: need 5 or more bins and lo < hi",
			nb, h.Lo, h.Hi)
	}
	total := 0.0
	for i, v := range h.Counts {
		if !(v >= 0) || math.IsInf(v, 0) {
			return MassFit{}, fmt.Errorf("eval: mass histogram bin %d count %g: must be finite and ≥ 0", i, v)
		}
		total += v
	}
	if total == 0 {
		return MassFit{}, ErrEmptyHist
	}

	f := newMassLikelihood(h)
	x0 := f.start(c)
	settings := &optimize.Settings{
		GradientThreshold: 1e-9,
		MajorIterations:   2000,
		Converger:         &optimize.FunctionConverge{Absolute: 1e-13, Relative: 1e-13, Iterations: 50},
	}
	res, err := optimize.Minimize(optimize.Problem{Func: f.value, Grad: f.gradient}, x0, settings, &optimize.BFGS{})
	if res == nil {
		return MassFit{}, fmt.Errorf("%w: %v", ErrFitFailed, err)
	}
	// A line search that makes no more progress near the minimum ends with
	// an error although the location is good; the checks below judge it.
	if err != nil && !(res.Location.F < f.value(x0)) {
		return MassFit{}, fmt.Errorf("%w: %v", ErrFitFailed, err)
	}
	return f.result(res.Location.X)
}

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

// naturalParams returns A, Mu, Sigma, C and Lambda from the minimiser's
// parameters p.
func (f *massLikelihood) naturalParams(p []float64) (a, mu, sigma, c, lambda float64) {
	return math.Exp(p[0]), f.mu0 + f.sigma0*p[1], math.Exp(p[2]), math.Exp(p[3]), p[4] / f.span
}

// expect returns the expected peak and background counts of bin i at the
// natural parameters, and writes into d the derivatives of their sum with
// respect to A, Mu, Sigma, C and Lambda.
func (f *massLikelihood) expect(i int, a, mu, sigma, c, lambda float64, d *[5]float64) (peak, bkgd float64) {
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
	for q, m := range f.nodes[i] {
		v := legendreWeights[q] * math.Exp(-lambda*m)
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
	a, mu, sigma, c, lambda := f.naturalParams(p)
	var nll float64
	for i, n := range f.h.Counts {
		peak, bkgd := f.expect(i, a, mu, sigma, c, lambda, &f.scratch)
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
	a, mu, sigma, c, lambda := f.naturalParams(p)
	// Chain factors from the natural to the minimiser's parameters.
	chain := [5]float64{a, f.sigma0, sigma, c, 1 / f.span}
	clear(grad)
	for i, n := range f.h.Counts {
		peak, bkgd := f.expect(i, a, mu, sigma, c, lambda, &f.scratch)
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

	var sideCounts, sideShape, inCounts, inShape, peakShape float64
	var d [5]float64
	for i, n := range f.h.Counts {
		peak, bkgd := f.expect(i, 1, mu, sigma, 1, lambda, &d)
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

// result returns the fit at the minimiser's parameters p, with errors and
// residuals, or ErrFitFailed when a parameter is not finite or the peak
// lies outside the histogram.
func (f *massLikelihood) result(p []float64) (MassFit, error) {
	var r MassFit
	r.A, r.Mu, r.Sigma, r.C, r.Lambda = f.naturalParams(p)
	for _, v := range []float64{r.A, r.Mu, r.Sigma, r.C, r.Lambda} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return MassFit{}, fmt.Errorf("%w: parameters %v are not finite", ErrFitFailed, p)
		}
	}
	if !(r.Mu >= f.h.Lo && r.Mu <= f.h.Hi) {
		return MassFit{}, fmt.Errorf("%w: peak at %g outside [%g, %g]", ErrFitFailed, r.Mu, f.h.Lo, f.h.Hi)
	}
	r.NLL = f.value(p) * f.total

	nb := len(f.h.Counts)
	r.Centres = f.centres
	r.Total = make([]float64, nb)
	r.Background = make([]float64, nb)
	r.Residuals = make([]float64, nb)
	r.ResidualErrs = make([]float64, nb)
	info := mat.NewSymDense(5, nil)
	var d [5]float64
	for i, n := range f.h.Counts {
		peak, bkgd := f.expect(i, r.A, r.Mu, r.Sigma, r.C, r.Lambda, &d)
		r.Total[i] = peak + bkgd
		r.Background[i] = bkgd
		r.Residuals[i] = n - bkgd
		r.ResidualErrs[i] = math.Sqrt(n)
		addFisher(info, &d, r.Total[i])
	}

	if errs, ok := inverseDiagonalRoot(info); ok {
		r.AErr, r.MuErr, r.SigmaErr, r.CErr, r.LambdaErr = errs[0], errs[1], errs[2], errs[3], errs[4]
		r.HasErrors = true
	}
	return r, nil
}

// addFisher adds the Fisher information of one Poisson bin with expected
// count mu and derivatives d of mu,
//
//	I_jk += d_j d_k / mu,
//
// to info.
func addFisher(info *mat.SymDense, d *[5]float64, mu float64) {
	if !(mu > 0) {
		return
	}
	for j := range d {
		for k := j; k < len(d); k++ {
			info.SetSym(j, k, info.At(j, k)+d[j]*d[k]/mu)
		}
	}
}

// inverseDiagonalRoot returns the square roots of the diagonal of the
// inverse of info, the standard errors of the parameters, and false when
// info is not positive definite or an error is not finite.
func inverseDiagonalRoot(info *mat.SymDense) ([5]float64, bool) {
	var errs [5]float64
	var chol mat.Cholesky
	if !chol.Factorize(info) {
		return errs, false
	}
	var cov mat.SymDense
	if err := chol.InverseTo(&cov); err != nil {
		return errs, false
	}
	for j := range errs {
		v := cov.At(j, j)
		if !(v >= 0) || math.IsInf(v, 0) {
			return [5]float64{}, false
		}
		errs[j] = math.Sqrt(v)
	}
	return errs, true
}
