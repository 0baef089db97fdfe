package main

// stepTimer estimates the duration of one trainer step from measurements
// and decides how many steps fit in a frame's time budget.
type stepTimer struct {
	// estimate is the running estimate of one step, in milliseconds; 0
	// until the first measurement.
	estimate float64
}

// weightNew is the weight of the newest measurement in the running
// estimate: high enough to follow a change of batch size within a few
// frames, low enough to ride out a garbage collection.
const weightNew = 0.2

// record adds the measured duration of n steps that took ms milliseconds.
func (t *stepTimer) record(n int, ms float64) {
	if n <= 0 || ms < 0 {
		return
	}
	per := ms / float64(n)
	if t.estimate == 0 {
		t.estimate = per
		return
	}
	t.estimate += weightNew * (per - t.estimate)
}

// fits reports whether one more step is expected to end within budget
// milliseconds, given that elapsed milliseconds of the frame are spent.
// The first step of a frame always fits, so training progresses even when
// one step is longer than the budget.
func (t *stepTimer) fits(elapsed, budget float64, stepsSoFar int) bool {
	if stepsSoFar == 0 {
		return true
	}
	return elapsed+t.estimate <= budget
}

// reset clears the estimate, for example after the model or batch size
// changed.
func (t *stepTimer) reset() { t.estimate = 0 }
