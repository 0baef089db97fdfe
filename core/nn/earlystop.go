package nn

// risingTrend reports whether the least-squares line through losses,
// taken at equally spaced epochs, has a slope of zero or more. It is the
// overtraining cut-off: training stops once the validation loss has
// stopped falling on average over the last epochs.
func risingTrend(losses []float64) bool {
	n := float64(len(losses))
	if len(losses) < 2 {
		return false
	}
	// The slope is Σ (x - x̄)(y - ȳ) / Σ (x - x̄)², and its sign is that of
	// Σ (x - x̄) y because Σ (x - x̄) = 0.
	xMean := (n - 1) / 2
	s := 0.0
	for i, y := range losses {
		s += (float64(i) - xMean) * y
	}
	return s >= 0
}
