package eval

import (
	"errors"
	"fmt"
	"math"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/nn"
)

// Evaluator evaluates models on an analysis sample and keeps its per-event
// buffers between calls, so repeated evaluations of a sample of the same
// size allocate nothing. It is not safe for concurrent use.
type Evaluator struct {
	pSig  []float64
	class []int
}

// Evaluate returns the evaluation of m on the analysis sample under the
// window, selection rule and significance formula of c. See [Tally] for
// the counting and [Evaluator] to reuse buffers.
func Evaluate(m *nn.Model, analysis *data.Dataset, c config.Config) (Result, error) {
	var e Evaluator
	return e.Evaluate(m, analysis, c)
}

// Evaluate classifies every event of analysis with m under c.Selection and
// returns [Tally] of the classes. The signal probabilities and classes stay
// available through PSig and Classes until the next call.
func (e *Evaluator) Evaluate(m *nn.Model, analysis *data.Dataset, c config.Config) (Result, error) {
	if err := checkSample(m, analysis); err != nil {
		return Result{}, err
	}
	if err := checkRule(c.Selection); err != nil {
		return Result{}, err
	}
	n := analysis.Len()
	e.pSig = resize(e.pSig, n)
	if cap(e.class) < n {
		e.class = make([]int, n)
	}
	e.class = e.class[:n]
	m.Classify(analysis.X, n, ruleOrDefault(c.Selection), e.pSig, e.class)
	return Tally(e.class, analysis.Label, analysis.M, analysis.W, c), nil
}

// PSig returns the signal probabilities of the last evaluated sample.
func (e *Evaluator) PSig() []float64 { return e.pSig }

// Classes returns the predicted classes of the last evaluated sample.
func (e *Evaluator) Classes() []int { return e.class }

// checkSample reports a model or sample that cannot be evaluated together:
// missing, mismatched in shape, or with a non-finite feature of merit or
// weight.
func checkSample(m *nn.Model, d *data.Dataset) error {
	if m == nil || m.Net == nil {
		return errors.New("eval: model is missing")
	}
	if d == nil {
		return errors.New("eval: analysis sample is missing")
	}
	n := d.Len()
	if d.NFeatures != m.Net.Inputs() {
		return fmt.Errorf("eval: sample has %d features, model takes %d",
			d.NFeatures, m.Net.Inputs())
	}
	if len(d.X) != n*d.NFeatures || len(d.M) != n {
		return fmt.Errorf("eval: sample of %d labels has %d feature values and %d masses, "+
			"want %d and %d",
			n, len(d.X), len(d.M), n*d.NFeatures, n)
	}
	if d.W != nil && len(d.W) != n {
		return fmt.Errorf("eval: sample of %d events has %d weights", n, len(d.W))
	}
	for i, v := range d.M {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("eval: mass of event %d is %g: must be finite", i, v)
		}
	}
	for i, v := range d.W {
		if !(v >= 0) || math.IsInf(v, 0) {
			return fmt.Errorf("eval: weight of event %d is %g: must be finite and ≥ 0", i, v)
		}
	}
	return nil
}

// checkRule reports a selection rule other than config.Argmax, config.PSig
// or empty, which means config.Argmax.
func checkRule(rule string) error {
	switch rule {
	case "", config.Argmax, config.PSig:
		return nil
	}
	return fmt.Errorf("eval: selection rule %q: must be %q or %q", rule, config.Argmax, config.PSig)
}
