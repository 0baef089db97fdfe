package eval

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/nn"
	"github.com/relegator/relegator/core/signif"
)

// DefaultPerClass is the default number of events per class that
// [ExpectedPass] draws to measure selection efficiencies. The binomial
// error of an efficiency near 0.5 is then about 0.001.
const DefaultPerClass = 200000

// Expected is the pass significance that a classifier is expected to reach
// on the analysis sample, free of the sampling noise of one drawn sample.
//
// With N = c.WeightedNEvents and f = c.SigFraction the expected counts in
// the window are
//
//	S = f N EffWindowSig EffSelSig
//	B = (1 - f) N EffWindowBkgd EffSelBkgd
//
// and Z is their significance.
type Expected struct {
	// EffWindowSig and EffWindowBkgd are the fractions of signal and
	// background in the mass window, from [signif.WindowEfficiencies].
	EffWindowSig  float64 `json:"eff_window_sig"`
	EffWindowBkgd float64 `json:"eff_window_bkgd"`
	// EffSelSig and EffSelBkgd are the fractions of independent signal and
	// background events that the classifier calls signal.
	EffSelSig  float64 `json:"eff_sel_sig"`
	EffSelBkgd float64 `json:"eff_sel_bkgd"`
	// EffSelSigErr and EffSelBkgdErr are the binomial standard errors of
	// the selection efficiencies.
	EffSelSigErr  float64 `json:"eff_sel_sig_err"`
	EffSelBkgdErr float64 `json:"eff_sel_bkgd_err"`
	// S, B and Z are the expected pass counts and their significance.
	S float64 `json:"s"`
	B float64 `json:"b"`
	Z float64 `json:"z"`
	// RawS, RawB and RawZ are the expected counts and significance of the
	// window without selection.
	RawS float64 `json:"raw_s"`
	RawB float64 `json:"raw_b"`
	RawZ float64 `json:"raw_z"`
	// NPerClass is the number of events drawn per class, and Rule the
	// selection rule.
	NPerClass int    `json:"n_per_class"`
	Rule      string `json:"rule"`
}

// expectedBlock is the number of events classified at a time.
const expectedBlock = 4096

// ExpectedPass returns the expected pass significance of m under c. It
// draws nPerClass signal and nPerClass background events with
// data.GenerateClass from a generator seeded with seed, and measures the
// fraction of each that m calls signal under c.Selection. The mass plays
// no part, because it is not an input of the classifier and it is drawn
// independently of the features.
func ExpectedPass(m *nn.Model, c config.Config, nPerClass int, seed uint64) (Expected, error) {
	if m == nil || m.Net == nil {
		return Expected{}, errors.New("eval: model is missing")
	}
	if in := m.Net.Inputs(); in != 2 {
		return Expected{}, fmt.Errorf("eval: expected pass needs a model of 2 features, got %d", in)
	}
	if nPerClass < 1 {
		return Expected{}, fmt.Errorf("eval: events per class %d: must be ≥ 1", nPerClass)
	}
	if err := checkRule(c.Selection); err != nil {
		return Expected{}, err
	}
	if !(c.SigFraction >= 0 && c.SigFraction <= 1) {
		return Expected{}, fmt.Errorf("eval: signal fraction %g: must be in [0, 1]", c.SigFraction)
	}
	if c.WeightedNEvents < 0 {
		return Expected{}, fmt.Errorf("eval: weighted event count %d: must be ≥ 0",
			c.WeightedNEvents)
	}

	e := Expected{NPerClass: nPerClass, Rule: ruleOrDefault(c.Selection)}
	e.EffWindowSig, e.EffWindowBkgd = signif.WindowEfficiencies(c.MeanFOM, c.WidthFOM, c.NSigmas,
		c.BkgdBeta, c.MinFOM, c.MaxFOM)

	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	class := make([]int, min(nPerClass, expectedBlock))
	sig := data.GenerateClass(c, data.Signal, nPerClass, rng)
	e.EffSelSig = selectedFraction(m, sig, e.Rule, class)
	bkgd := data.GenerateClass(c, data.Background, nPerClass, rng)
	e.EffSelBkgd = selectedFraction(m, bkgd, e.Rule, class)
	e.EffSelSigErr = binomialError(e.EffSelSig, nPerClass)
	e.EffSelBkgdErr = binomialError(e.EffSelBkgd, nPerClass)

	n, f := float64(c.WeightedNEvents), c.SigFraction
	e.RawS = f * n * e.EffWindowSig
	e.RawB = (1 - f) * n * e.EffWindowBkgd
	e.RawZ = signif.Z(e.RawS, e.RawB, c.SignifFormula)
	e.S = e.RawS * e.EffSelSig
	e.B = e.RawB * e.EffSelBkgd
	e.Z = signif.Z(e.S, e.B, c.SignifFormula)
	return e, nil
}

// selectedFraction returns the fraction of the events of d that m calls
// signal under rule, classifying len(class) events at a time.
func selectedFraction(m *nn.Model, d *data.Dataset, rule string, class []int) float64 {
	n, in := d.Len(), d.NFeatures
	selected := 0
	for start := 0; start < n; start += len(class) {
		b := min(len(class), n-start)
		m.Classify(d.X[start*in:(start+b)*in], b, rule, nil, class[:b])
		for _, k := range class[:b] {
			if k == nn.ClassSignal {
				selected++
			}
		}
	}
	return ratio(float64(selected), float64(n))
}

// binomialError returns the standard error sqrt(p (1 - p) / n) of a
// fraction p measured on n events.
func binomialError(p float64, n int) float64 {
	return math.Sqrt(p * (1 - p) / float64(n))
}
