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
	if err := checkHist(h); err != nil {
		return MassFit{}, err
	}
	f := newMassLikelihood(h)
	p, err := f.minimise(f.start(c))
	if err != nil {
		return MassFit{}, err
	}
	return f.result(p)
}

// checkHist reports a histogram that cannot be fitted.
func checkHist(h Hist) error {
	if len(h.Counts) < 5 || !(h.Lo < h.Hi) {
		return fmt.Errorf("eval: mass histogram of %d bins over [%g, %g]: "+
			"need 5 or more bins and lo < hi", len(h.Counts), h.Lo, h.Hi)
	}
	for i, v := range h.Counts {
		if !(v >= 0) || math.IsInf(v, 0) {
			return fmt.Errorf("eval: mass histogram bin %d count %g: must be finite and ≥ 0",
				i, v)
		}
	}
	if h.Total() == 0 {
		return ErrEmptyHist
	}
	return nil
}

// fitTolerance is the largest gradient component of the per-event
// likelihood accepted at the minimum. For 1e5 events a step of one
// standard error then changes the log-likelihood by about 0.003.
const fitTolerance = 1e-6

// minimise returns the minimiser's parameters at the likelihood minimum
// reached by BFGS from x0.
func (f *massLikelihood) minimise(x0 []float64) ([]float64, error) {
	settings := &optimize.Settings{
		GradientThreshold: 1e-9,
		MajorIterations:   2000,
		Converger: &optimize.FunctionConverge{
			Absolute: 1e-13, Relative: 1e-13, Iterations: 50,
		},
	}
	problem := optimize.Problem{Func: f.value, Grad: f.gradient}
	res, err := optimize.Minimize(problem, x0, settings, &optimize.BFGS{})
	if res == nil {
		return nil, fmt.Errorf("%w: %v", ErrFitFailed, err)
	}
	if err == nil {
		return res.Location.X, nil
	}
	// The line search often stops short of the tight GradientThreshold in
	// the last digits of the minimum, so a small gradient is accepted.
	grad := make([]float64, len(x0))
	f.gradient(grad, res.Location.X)
	for j, g := range grad {
		if !(math.Abs(g) <= fitTolerance) {
			return nil, fmt.Errorf("%w: %v with gradient %g in parameter %d",
				ErrFitFailed, err, g, j)
		}
	}
	return res.Location.X, nil
}

// result returns the fit at the minimiser's parameters p, with errors and
// residuals, or ErrFitFailed when a parameter is not finite or the peak
// lies outside the histogram.
func (f *massLikelihood) result(p []float64) (MassFit, error) {
	var r MassFit
	q := f.natural(p)
	r.A, r.Mu, r.Sigma, r.C, r.Lambda = q.a, q.mu, q.sigma, q.c, q.lambda
	for _, v := range []float64{r.A, r.Mu, r.Sigma, r.C, r.Lambda} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return MassFit{}, fmt.Errorf("%w: parameters %v are not finite", ErrFitFailed, p)
		}
	}
	if !(r.Mu >= f.h.Lo && r.Mu <= f.h.Hi) {
		return MassFit{}, fmt.Errorf("%w: peak at %g outside [%g, %g]",
			ErrFitFailed, r.Mu, f.h.Lo, f.h.Hi)
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
		peak, bkgd := f.expect(i, q, &d)
		r.Total[i] = peak + bkgd
		r.Background[i] = bkgd
		r.Residuals[i] = n - bkgd
		r.ResidualErrs[i] = math.Sqrt(n)
		addFisher(info, &d, r.Total[i])
	}

	if errs, ok := inverseDiagonalRoot(info); ok {
		r.AErr, r.MuErr, r.SigmaErr = errs[0], errs[1], errs[2]
		r.CErr, r.LambdaErr = errs[3], errs[4]
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
// info is not positive definite or an error is not finite. With info =
// L Lᵀ its Cholesky factorisation, the j-th diagonal entry of the inverse
// is the squared norm of y = L⁻¹ eⱼ:
//
//	(info⁻¹)_jj = |L⁻¹ eⱼ|²
//
// The 5 × 5 factorisation is written out because mat.Cholesky brings
// LAPACK's condition estimate into the WebAssembly page, about 50 KB of it
// gzipped.
func inverseDiagonalRoot(info *mat.SymDense) ([5]float64, bool) {
	const n = 5
	var l [n][n]float64
	for j := range n {
		for k := 0; k <= j; k++ {
			s := info.At(j, k)
			for m := range k {
				s -= l[j][m] * l[k][m]
			}
			if j != k {
				l[j][k] = s / l[k][k]
				continue
			}
			if !(s > 0) || math.IsInf(s, 0) {
				return [n]float64{}, false
			}
			l[j][j] = math.Sqrt(s)
		}
	}

	// Forward substitution L y = eⱼ for each j.
	var errs [n]float64
	for j := range n {
		var y [n]float64
		sum := 0.0
		for i := j; i < n; i++ {
			s := 0.0
			if i == j {
				s = 1
			}
			for m := j; m < i; m++ {
				s -= l[i][m] * y[m]
			}
			y[i] = s / l[i][i]
			sum += y[i] * y[i]
		}
		if !(sum >= 0) || math.IsInf(sum, 0) {
			return [n]float64{}, false
		}
		errs[j] = math.Sqrt(sum)
	}
	return errs, true
}
