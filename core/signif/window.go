package signif

import "math"

// WindowEfficiencies returns the expected fractions of signal and of
// background events whose feature of merit m falls inside the signal window
// [mean - nSigmas*width, mean + nSigmas*width].
//
// Signal m is Normal(mean, width), not truncated, so
//
//	sig = erf(nSigmas / sqrt(2)).
//
// Background m is exponential with scale beta, which lives on m ≥ 0,
// truncated to [mMin, mMax]; a negative mMin therefore acts as 0, as in the
// generator. With m0 = max(mMin, 0) and the window clipped to [lo, hi]
// inside [m0, mMax]
//
//	bkg = (exp(-lo/beta) - exp(-hi/beta)) / (exp(-m0/beta) - exp(-mMax/beta)).
//
// An infinite beta gives the uniform limit (hi - lo) / (mMax - m0). Invalid
// arguments (width, nSigmas or beta not positive, mMax <= max(mMin, 0), any
// NaN) and a window outside [m0, mMax] give 0 for the affected fraction,
// never NaN.
func WindowEfficiencies(mean, width, nSigmas, beta, mMin, mMax float64) (sig, bkg float64) {
	if width > 0 && nSigmas > 0 {
		sig = math.Erf(nSigmas / math.Sqrt2)
	}
	mMin = math.Max(mMin, 0)
	if !(width > 0 && nSigmas > 0 && beta > 0 && mMin < mMax) {
		return sig, 0
	}
	lo := math.Max(mean-nSigmas*width, mMin)
	hi := math.Min(mean+nSigmas*width, mMax)
	if !(lo < hi) {
		return sig, 0
	}
	if math.IsInf(beta, 1) {
		return sig, (hi - lo) / (mMax - mMin)
	}
	// Each integral of exp(-m/beta) over [a, b] is written as
	// exp(-a/beta) * -expm1(-(b-a)/beta), so a large beta keeps its digits.
	// The common factor exp(-mMin/beta) cancels.
	num := math.Exp(-(lo-mMin)/beta) * -math.Expm1(-(hi-lo)/beta)
	den := -math.Expm1(-(mMax - mMin) / beta)
	bkg = num / den
	if !(bkg >= 0) {
		return sig, 0
	}
	return sig, math.Min(bkg, 1)
}
