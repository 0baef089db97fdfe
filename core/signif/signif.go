// Package signif computes the statistical significance of a selected signal
// s over a background b, and its partial derivatives for the losses.
package signif

import "math"

// Z returns the significance of s signal over b background events.
// formula "asimov" gives
//
//	Z = sqrt(2 ((s+b) ln(1 + s/b) - s))
//
// and anything else the simple form
//
//	Z = s / sqrt(s + b).
//
// Z is 0 when s <= 0, so an empty selection never yields NaN. The Asimov
// form floors b at 1e-9 to keep its logarithm finite.
func Z(s, b float64, formula string) float64 {
	z, _, _ := ZGrad(s, b, formula)
	return z
}

// bFloor keeps the Asimov logarithm finite when no background is selected.
const bFloor = 1e-9

// ZGrad returns Z(s, b) and its partial derivatives dZ/ds and dZ/db.
// For s <= 0 it returns zeros: there is no significance to differentiate,
// and callers guard the 1/Z terms separately.
func ZGrad(s, b float64, formula string) (z, dzds, dzdb float64) {
	if !(s > 0) {
		return 0, 0, 0
	}
	if b < 0 {
		b = 0
	}
	if formula == "asimov" {
		if b < bFloor {
			b = bFloor
		}
		l := math.Log1p(s / b)
		q := 2 * ((s+b)*l - s)
		if !(q > 0) {
			return 0, 0, 0
		}
		z = math.Sqrt(q)
		// dq/ds = 2 ln(1+s/b); dq/db = 2 (ln(1+s/b) - s/b).
		dzds = l / z
		dzdb = (l - s/b) / z
		return z, dzds, dzdb
	}
	t := s + b
	r := math.Sqrt(t)
	z = s / r
	// dZ/ds = (s + 2b) / (2 t^1.5); dZ/db = -s / (2 t^1.5).
	t15 := t * r
	dzds = (s + 2*b) / (2 * t15)
	dzdb = -s / (2 * t15)
	return z, dzds, dzdb
}
