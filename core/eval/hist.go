package eval

import (
	"errors"
	"fmt"
	"math"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/nn"
)

// Hist is a histogram of the feature of merit with len(Counts) equal bins
// over [Lo, Hi]. Counts are sums of event weights.
type Hist struct {
	Lo, Hi float64
	Counts []float64
}

// newHist returns an empty histogram of n bins over [lo, hi].
func newHist(lo, hi float64, n int) Hist {
	return Hist{Lo: lo, Hi: hi, Counts: make([]float64, n)}
}

// Width returns the bin width.
func (h *Hist) Width() float64 { return (h.Hi - h.Lo) / float64(len(h.Counts)) }

// Centre returns the centre of bin i.
func (h *Hist) Centre(i int) float64 { return h.Lo + (float64(i)+0.5)*h.Width() }

// Fill adds weight w to the bin of m. Values outside [Lo, Hi] are dropped;
// m == Hi goes into the last bin.
func (h *Hist) Fill(m, w float64) {
	if !(m >= h.Lo && m <= h.Hi) {
		return
	}
	i := int((m - h.Lo) / h.Width())
	h.Counts[min(i, len(h.Counts)-1)] += w
}

// Total returns the sum of the counts.
func (h *Hist) Total() float64 {
	var t float64
	for _, v := range h.Counts {
		t += v
	}
	return t
}

// BinCount returns the number of mass histogram bins for n events,
// round(sqrt(n)/2) and at least 1.
func BinCount(n int) int {
	return max(1, int(math.Round(math.Sqrt(float64(max(n, 0)))/2)))
}

// MassHists are the histograms of the feature of merit over
// [c.MinFOM, c.MaxFOM] of all, signal and background events of a sample,
// before and after the selection, with the signal window they are read in.
type MassHists struct {
	// All, Sig and Bkgd count every event, by truth class.
	All, Sig, Bkgd Hist
	// PassAll, PassSig and PassBkgd count the events the classifier calls
	// signal.
	PassAll, PassSig, PassBkgd Hist
	// WindowLow and WindowHigh bound the signal window.
	WindowLow, WindowHigh float64
	// Rule is the selection rule behind the classes, config.Argmax or
	// config.PSig.
	Rule string
}

// MassHistograms returns the histograms of the feature of merit of d with
// [BinCount](d.Len()) bins. class contains the predicted class of each
// event, for example [Evaluator.Classes] after [Evaluator.Evaluate], and
// c.Selection names the rule that produced it. Labels other than
// data.Signal count as background.
func MassHistograms(d *data.Dataset, class []int, c config.Config) (MassHists, error) {
	if d == nil {
		return MassHists{}, errors.New("eval: sample is missing")
	}
	n := d.Len()
	if len(class) != n || len(d.M) != n || (d.W != nil && len(d.W) != n) {
		return MassHists{}, fmt.Errorf("eval: %d classes, %d masses and %d weights for %d events",
			len(class), len(d.M), len(d.W), n)
	}
	if !(c.MinFOM < c.MaxFOM) || math.IsInf(c.MinFOM, 0) || math.IsInf(c.MaxFOM, 0) {
		return MassHists{}, fmt.Errorf("eval: mass range [%g, %g]: need finite min < max",
			c.MinFOM, c.MaxFOM)
	}

	bins := BinCount(n)
	hs := MassHists{
		WindowLow:  c.WindowLow(),
		WindowHigh: c.WindowHigh(),
		Rule:       ruleOrDefault(c.Selection),
	}
	for _, h := range []*Hist{&hs.All, &hs.Sig, &hs.Bkgd, &hs.PassAll, &hs.PassSig, &hs.PassBkgd} {
		*h = newHist(c.MinFOM, c.MaxFOM, bins)
	}
	for i, m := range d.M {
		w := 1.0
		if d.W != nil {
			w = d.W[i]
		}
		byClass, passByClass := &hs.Bkgd, &hs.PassBkgd
		if d.Label[i] == data.Signal {
			byClass, passByClass = &hs.Sig, &hs.PassSig
		}
		hs.All.Fill(m, w)
		byClass.Fill(m, w)
		if class[i] == nn.ClassSignal {
			hs.PassAll.Fill(m, w)
			passByClass.Fill(m, w)
		}
	}
	return hs, nil
}
