package nn

import "github.com/relegator/relegator/core/data"

// countWeight returns the weight with which an event of class y and mass m
// enters the soft counts S and B: 1 inside the signal window and 0 outside
// it, or under config.CountExpected its class's window efficiency whatever
// its mass.
func (o *objective) countWeight(y int, m float64) float64 {
	if o.expected {
		if y == data.Signal {
			return o.effSig
		}
		return o.effBkg
	}
	if m >= o.lo && m <= o.hi {
		return 1
	}
	return 0
}

// countAverage is an exponential moving average of the scaled soft counts
// S' and B' over training batches. With small batches and a rare signal,
// one batch holds a few selected background events at most. The
// derivatives of Z taken at one batch's counts then jump from batch to
// batch, while taken at the average they follow the whole training part.
type countAverage struct {
	// rate is the weight of the newest batch, 1/span.
	rate    float64
	s, b    float64
	started bool
}

// add folds the counts of one batch into the average and returns the
// average. The first batch starts the average at its own counts.
func (a *countAverage) add(s, b float64) (float64, float64) {
	if !a.started {
		a.s, a.b, a.started = s, b, true
		return s, b
	}
	a.s += a.rate * (s - a.s)
	a.b += a.rate * (b - a.b)
	return a.s, a.b
}
