package nn

import "math"

// Adam moment decay rates and denominator offset, the Keras defaults.
const (
	adamBeta1   = 0.9
	adamBeta2   = 0.999
	adamEpsilon = 1e-7
)

// adam is the Adam optimiser in the form Keras uses: the bias corrections
// are folded into the step size,
//
//	m ← β1·m + (1-β1)·g,  v ← β2·v + (1-β2)·g²,
//	α = lr·sqrt(1-β2^t)/(1-β1^t),  θ ← θ - α·m/(sqrt(v) + ε),
//
// so ε is added to the uncorrected sqrt(v).
type adam struct {
	lr   float64
	m, v []float64
	// pow1 and pow2 are β1^t and β2^t after t updates.
	pow1, pow2 float64
}

func newAdam(n int, lr float64) adam {
	return adam{lr: lr, m: make([]float64, n), v: make([]float64, n), pow1: 1, pow2: 1}
}

// update applies one Adam step with gradient g to params.
func (a *adam) update(params, g []float64) {
	a.pow1 *= adamBeta1
	a.pow2 *= adamBeta2
	alpha := a.lr * math.Sqrt(1-a.pow2) / (1 - a.pow1)
	n := len(params)
	g = g[:n:n]
	m := a.m[:n:n]
	v := a.v[:n:n]
	for i := range params {
		gi := g[i]
		mi := adamBeta1*m[i] + (1-adamBeta1)*gi
		vi := adamBeta2*v[i] + (1-adamBeta2)*gi*gi
		m[i] = mi
		v[i] = vi
		params[i] -= alpha * mi / (math.Sqrt(vi) + adamEpsilon)
	}
}
