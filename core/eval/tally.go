package eval

import (
	"fmt"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/nn"
	"github.com/relegator/relegator/core/signif"
)

// Tally returns the evaluation of events with predicted classes class
// (nn.ClassBackground, nn.ClassSignal or nn.ClassRelegated), truth labels
// label, features of merit m and weights w (nil when every event weighs 1).
// It reads the window, SignifFormula and Selection of c; Selection is only
// recorded in the result, because class already carries the decision. An
// event whose label is data.Signal is signal and any other label is
// background, so several background classes merge into one.
//
// Tally panics when the slices differ in length or a class is out of range.
func Tally(class, label []int, m, w []float64, c config.Config) Result {
	n := len(class)
	if len(label) != n || len(m) != n || (w != nil && len(w) != n) {
		panic(fmt.Sprintf("eval: Tally lengths class %d, label %d, m %d, w %d differ",
			n, len(label), len(m), len(w)))
	}
	r := Result{
		Rule:       ruleOrDefault(c.Selection),
		Formula:    formulaOrDefault(c.SignifFormula),
		WindowLow:  c.WindowLow(),
		WindowHigh: c.WindowHigh(),
	}
	for i, pred := range class {
		if pred < nn.ClassBackground || pred > nn.ClassRelegated {
			panic(fmt.Sprintf("eval: Tally class[%d] = %d, want 0, 1 or 2", i, pred))
		}
		weight := 1.0
		if w != nil {
			weight = w[i]
		}
		truth := data.Background
		if label[i] == data.Signal {
			truth = data.Signal
		}
		r.Confusion[truth][pred] += weight
		if m[i] >= r.WindowLow && m[i] <= r.WindowHigh {
			r.ConfusionWindow[truth][pred] += weight
		}
	}
	r.fill()
	return r
}

// fill derives the counts, significances and fractions of r from its two
// confusion matrices.
func (r *Result) fill() {
	cw := &r.ConfusionWindow
	r.NRawBkgd = cw[data.Background][0] + cw[data.Background][1] + cw[data.Background][2]
	r.NRawSig = cw[data.Signal][0] + cw[data.Signal][1] + cw[data.Signal][2]
	r.NPassBkgd = cw[data.Background][nn.ClassSignal]
	r.NPassSig = cw[data.Signal][nn.ClassSignal]
	r.RawZ = signif.Z(r.NRawSig, r.NRawBkgd, r.Formula)
	r.PassZ = signif.Z(r.NPassSig, r.NPassBkgd, r.Formula)

	r.NEvents = r.Confusion.total()
	r.NWindow = cw.total()
	r.Accuracy = ratio(r.Confusion.correct(), r.NEvents)
	r.AccuracyWindow = ratio(cw.correct(), r.NWindow)
	relegated := r.Confusion.relegated()
	r.DecidedAccuracy = ratio(r.Confusion.correct(), r.NEvents-relegated)
	r.RelegatedFraction = ratio(relegated, r.NEvents)
	r.RelegatedFractionWindow = ratio(cw.relegated(), r.NWindow)
}

// total returns the sum of all entries.
func (cm *Confusion) total() float64 {
	var t float64
	for _, row := range cm {
		for _, v := range row {
			t += v
		}
	}
	return t
}

// correct returns the count of events predicted as their truth class.
func (cm *Confusion) correct() float64 {
	return cm[data.Background][nn.ClassBackground] + cm[data.Signal][nn.ClassSignal]
}

// relegated returns the count of relegated events.
func (cm *Confusion) relegated() float64 {
	return cm[data.Background][nn.ClassRelegated] + cm[data.Signal][nn.ClassRelegated]
}

// ratio returns num/den, or 0 when den is not positive, so an empty sample
// never yields NaN.
func ratio(num, den float64) float64 {
	if !(den > 0) {
		return 0
	}
	return num / den
}

// ruleOrDefault returns rule, or config.Argmax for any value other than
// config.PSig, as nn.Model.Classify reads it.
func ruleOrDefault(rule string) string {
	if rule == config.PSig {
		return config.PSig
	}
	return config.Argmax
}

// formulaOrDefault returns formula, or config.Simple for any value other
// than config.Asimov, as signif.Z reads it.
func formulaOrDefault(formula string) string {
	if formula == config.Asimov {
		return config.Asimov
	}
	return config.Simple
}
