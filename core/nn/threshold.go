package nn

import (
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/signif"
)

// thresholdSteps is the number of cuts bestThreshold tries.
const thresholdSteps = 100

// bestThreshold returns the cut on the sigmoid output that gives the
// highest significance on the validation part, trying thresholdSteps
// evenly spaced cuts from the smallest to the largest prediction. An event
// passes when its output is at least the cut. The passing signal and
// background inside the window are scaled to the analysis sample as in the
// loss. It uses the outputs of the last measurement of the validation
// part, and of equal significances it keeps the lowest cut.
func (t *Trainer) bestThreshold() float64 {
	b := &t.valEval.b
	p := b.probs[:b.n]
	lo, hi := p[0], p[0]
	for _, v := range p {
		lo = min(lo, v)
		hi = max(hi, v)
	}
	var nSig, nBkg float64
	for i, y := range b.label {
		w := 1.0
		if b.weight != nil {
			w = b.weight[i]
		}
		if y == data.Signal {
			nSig += w
		} else {
			nBkg += w
		}
	}
	best, bestZ := 0.5, -1.0
	for j := 0; j < thresholdSteps; j++ {
		cut := lo + (hi-lo)*float64(j)/(thresholdSteps-1)
		var s, bg float64
		for i, v := range p {
			m := b.mass[i]
			if v < cut || m < t.obj.lo || m > t.obj.hi {
				continue
			}
			w := 1.0
			if b.weight != nil {
				w = b.weight[i]
			}
			if b.label[i] == data.Signal {
				s += w
			} else {
				bg += w
			}
		}
		z := signif.Z(t.obj.sigScale*s/nSig, t.obj.bkgScale*bg/nBkg, t.obj.formula)
		if z > bestZ {
			best, bestZ = cut, z
		}
	}
	return best
}
