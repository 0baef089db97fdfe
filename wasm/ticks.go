package main

import "math"

// niceTicks appends to dst the multiples of a "nice" step (1, 2 or 5 times
// a power of ten) that lie in [lo, hi], choosing the step so that there are
// at most maxCount of them, and returns the extended slice and the step.
func niceTicks(dst []float64, lo, hi float64, maxCount int) ([]float64, float64) {
	if !(hi > lo) || maxCount < 2 || math.IsInf(hi-lo, 0) {
		return dst, 0
	}
	raw := (hi - lo) / float64(maxCount-1)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 5} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	first := math.Ceil(lo/step) * step
	for v := first; v <= hi+step*1e-9; v += step {
		// Snap to the step so that labels read 0.3, not 0.30000000000000004.
		dst = append(dst, math.Round(v/step)*step)
	}
	return dst, step
}

// tickDecimals returns how many decimals a label needs to show a multiple
// of step exactly.
func tickDecimals(step float64) int {
	if step <= 0 || step >= 1 {
		return 0
	}
	return int(math.Ceil(-math.Log10(step) - 1e-9))
}
