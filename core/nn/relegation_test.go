package nn

import (
	"math"
	"testing"

	"github.com/relegator/relegator/core/config"
)

func TestRelegationCEGradients(t *testing.T) {
	for _, form := range []string{config.Merged, config.Normalized} {
		for _, mt := range []string{config.Relegator, config.RelegatorFactor, config.RelegatorDiff, config.RelegatorV2} {
			t.Run(form+"/"+mt, func(t *testing.T) {
				cfg := config.Default()
				cfg.ModelType = mt
				cfg.RelegationCE = form
				f := newLossFixture(t, cfg, 24, true)
				checkGradient(t, f.loss, append([]float64(nil), f.net.Params...))
			})
		}
	}
}

// TestRelegationCENormalized checks the normalised form against its
// definition, -log of the merged probability of the truth class divided by
// the sum of the merged probabilities, and that relegating costs log 2
// under it and nothing under the merged form.
func TestRelegationCENormalized(t *testing.T) {
	p := []float64{0.2, 0.3, 0.5}
	z := []float64{math.Log(0.2), math.Log(0.3), math.Log(0.5)}
	for y := range 2 {
		merged := crossEntropy(z, p, y, nil, 0)
		got := merged + relegationPenalty(p, nil, 0)
		q := []float64{p[0] + p[2], p[1] + p[2]}
		want := -math.Log(q[y] / (q[0] + q[1]))
		if math.Abs(got-want) > 1e-12 {
			t.Errorf("class %d: normalised CE = %.15g, definition gives %.15g", y, got, want)
		}
	}
	allRelegated := []float64{0, 0, 1}
	if got := relegationPenalty(allRelegated, nil, 0); math.Abs(got-math.Ln2) > 1e-15 {
		t.Errorf("penalty of a relegated event = %g, want log 2", got)
	}
	zr := []float64{-40, -40, 0}
	if got := crossEntropy(zr, allRelegated, 0, nil, 0); got > 1e-12 {
		t.Errorf("merged CE of a relegated event = %g, want 0", got)
	}
}
