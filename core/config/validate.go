package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// FieldError is an invalid value of one configuration key. The browser
// shows it beside the control of Key.
type FieldError struct {
	// Key is the configuration key, in its current spelling (min_fom, not
	// min_mass).
	Key string
	// Value is the rejected value: the parsed value, or the text when it
	// could not be parsed, as a json.RawMessage from a JSON file and as a
	// string from a URL.
	Value any
	// Rule states the valid values, such as "must be in (0, 1)".
	Rule string
	// Related lists the other keys a rule across several keys involves,
	// such as n_sigmas and width_fom for the signal window.
	Related []string
}

// Error returns "key value: rule", with a long value cut short and a key
// that is not a plain word quoted.
func (e *FieldError) Error() string {
	key := e.Key
	if !isPlainKey(key) {
		key = strconv.Quote(key)
	}
	return fmt.Sprintf("%s %s: %s", key, shorten(formatValue(e.Value)), e.Rule)
}

// isPlainKey reports whether key reads unambiguously without quotes: it
// is not empty and has only ASCII letters, digits and underscores. A loop
// and not a regexp, because a package-level regexp keeps regexp in the
// WebAssembly page, about 100 KB of it gzipped.
func isPlainKey(key string) bool {
	for _, c := range []byte(key) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return key != ""
}

// maxValueText is the longest value text that a message quotes in full.
const maxValueText = 60

// shorten cuts s to its first maxValueText characters and marks the cut,
// so that a list of thousands of layer widths still makes a one-line
// message.
func shorten(s string) string {
	r := []rune(s)
	if len(r) <= maxValueText {
		return s
	}
	return string(r[:maxValueText]) + "…"
}

func formatValue(v any) string {
	switch v := v.(type) {
	case json.RawMessage:
		return string(v)
	case float64:
		return formatFloat(v)
	case string:
		return fmt.Sprintf("%q", v)
	case nil:
		return "null"
	}
	return fmt.Sprint(v)
}

// FieldErrors returns every *FieldError inside err, in order, looking
// through errors joined with errors.Join and through wrapping.
func FieldErrors(err error) []*FieldError {
	var out []*FieldError
	var walk func(error)
	walk = func(err error) {
		if err == nil {
			return
		}
		if fe, ok := err.(*FieldError); ok {
			out = append(out, fe)
			return
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	walk(err)
	return out
}

// Validate checks every value of c and returns nil or all problems joined
// with errors.Join, one *FieldError per problem, in schema order followed
// by the rules that span several keys. A key can have several problems.
// FieldErrors lists them for display beside the controls.
func (c Config) Validate() error {
	problems := c.problems()
	if len(problems) == 0 {
		return nil
	}
	errs := make([]error, len(problems))
	for i, p := range problems {
		errs[i] = p
	}
	return errors.Join(errs...)
}

func (c Config) problems() []*FieldError {
	var out []*FieldError
	for i := range fields {
		if fe := fields[i].check(&c); fe != nil {
			out = append(out, fe)
		}
	}
	return append(out, c.crossProblems()...)
}

// check returns the problem with the value of f in c, or nil.
func (f *field) check(c *Config) *FieldError {
	bad := func(rule string) *FieldError {
		return &FieldError{Key: f.key, Value: f.value(c), Rule: rule}
	}
	switch p := f.ptr(c).(type) {
	case *float64:
		if math.IsNaN(*p) || math.IsInf(*p, 0) {
			return bad("must be a finite number")
		}
		if !f.valid.contains(*p) {
			return bad(f.valid.String())
		}
	case *int:
		if !f.valid.contains(float64(*p)) {
			return bad(f.valid.String())
		}
	case *string:
		if f.kind != kindEnum {
			return nil
		}
		if reason, ok := f.rejected[*p]; ok {
			return bad(reason)
		}
		if !slices.Contains(f.words, *p) {
			return bad("must be one of " + strings.Join(f.words, ", "))
		}
	case *[]int:
		if len(*p) == 0 || len(*p) > maxLayers {
			return bad(fmt.Sprintf("must list 1 to %d layer widths", maxLayers))
		}
		for i, n := range *p {
			if !f.valid.contains(float64(n)) {
				return bad(fmt.Sprintf("width %d of layer %d %s", n, i+1, f.valid))
			}
		}
	}
	return nil
}

// crossProblems checks the rules that involve several keys. Each rule runs
// only when its keys are valid one by one, so a single typing error gives
// a single message.
func (c Config) crossProblems() []*FieldError {
	var out []*FieldError
	valid := func(keys ...string) bool {
		for _, k := range keys {
			f, _ := lookup(k)
			if f.check(&c) != nil {
				return false
			}
		}
		return true
	}

	if valid("min_fom", "max_fom") {
		switch {
		case c.MinFOM >= c.MaxFOM:
			out = append(out, &FieldError{Key: "max_fom", Value: c.MaxFOM, Related: []string{"min_fom"},
				Rule: fmt.Sprintf("must be > min_fom %s", formatFloat(c.MinFOM))})
		case c.MaxFOM <= 0:
			// The background mass is exponential, so it lives on m ≥ 0.
			out = append(out, &FieldError{Key: "max_fom", Value: c.MaxFOM,
				Rule: "must be > 0 because the exponential background has m ≥ 0"})
		}
	}

	if valid("min_fom", "max_fom", "mean_fom", "width_fom", "n_sigmas") && c.MinFOM < c.MaxFOM {
		lo, hi := c.WindowLow(), c.WindowHigh()
		if lo < c.MinFOM || hi > c.MaxFOM {
			out = append(out, &FieldError{Key: "mean_fom", Value: c.MeanFOM,
				Related: []string{"width_fom", "n_sigmas", "min_fom", "max_fom"},
				Rule: fmt.Sprintf("signal window mean_fom ± n_sigmas·width_fom = [%s, %s] must lie inside [min_fom, max_fom] = [%s, %s]",
					formatFloat(lo), formatFloat(hi), formatFloat(c.MinFOM), formatFloat(c.MaxFOM))})
		}
	}

	if valid("test_fraction", "n_events") {
		// Each part needs an event of each class, so at least 2 events.
		nVal := int(math.Ceil(c.TestFraction * float64(c.NEvents)))
		switch {
		case c.NEvents-nVal < 2:
			out = append(out, &FieldError{Key: "test_fraction", Value: c.TestFraction, Related: []string{"n_events"},
				Rule: fmt.Sprintf("leaves %d training events out of n_events %d; lower it so that at least 2 remain",
					c.NEvents-nVal, c.NEvents)})
		case nVal < 2:
			out = append(out, &FieldError{Key: "test_fraction", Value: c.TestFraction, Related: []string{"n_events"},
				Rule: fmt.Sprintf("gives %d validation events out of n_events %d; raise it so that there are at least 2",
					nVal, c.NEvents)})
		}
	}

	// The activations are checked only for a network of a valid size, so
	// that one oversized hidden_nodes gives one message.
	smallNetwork := valid("hidden_nodes") && c.weightCount() <= maxWeights
	if valid("hidden_nodes") {
		if w := c.weightCount(); w > maxWeights {
			out = append(out, &FieldError{Key: "hidden_nodes", Value: c.HiddenNodes,
				Rule: fmt.Sprintf("gives a network of %d weights; at most %d keep a run within memory, so use fewer or narrower layers",
					w, maxWeights)})
		}
	}

	if smallNetwork && valid("batch_size", "n_events", "test_fraction") {
		batch := c.NEvents - int(math.Ceil(c.TestFraction*float64(c.NEvents)))
		if c.BatchSize > 0 && c.BatchSize < batch {
			batch = c.BatchSize
		}
		units := 0
		for _, n := range c.HiddenNodes {
			units += n
		}
		if a := batch * units; batch > 0 && a > maxActivations {
			out = append(out, &FieldError{Key: "batch_size", Value: c.BatchSize,
				Related: []string{"hidden_nodes", "n_events", "test_fraction"},
				Rule: fmt.Sprintf("gives batches of %d events × %d hidden units = %d activations; "+
					"at most %d keep a run within memory, so set batch_size to %d or less (0 is the whole training part)",
					batch, units, a, maxActivations, maxActivations/units)})
		}
	}

	if valid("sig_fraction", "weighted_n_events") {
		nb := AnalysisBackground(c.WeightedNEvents, c.SigFraction)
		if nb < 1 || nb >= c.WeightedNEvents {
			out = append(out, &FieldError{Key: "sig_fraction", Value: c.SigFraction, Related: []string{"weighted_n_events"},
				Rule: fmt.Sprintf("gives %d background and %d signal events out of weighted_n_events %d; both must be ≥ 1",
					nb, c.WeightedNEvents-nb, c.WeightedNEvents)})
		}
	}
	return out
}

// AnalysisBackground returns the number of background events of an analysis
// sample of n events with signal fraction f: int(n (1 - f)), as the original
// research code computed it. The other events are signal.
func AnalysisBackground(n int, f float64) int {
	return int(float64(n) * (1 - f))
}

// Bounds on the memory of one run. A weight costs its value, its gradient
// and two Adam moments, and a hidden unit of one training event its
// activation and its derivative: about 200 MB and 1.2 GB at the bounds, by
// the peak memory of native runs. A browser tab has at most 4 GB of
// WebAssembly memory.
const (
	maxWeights     = 5_000_000
	maxActivations = 100_000_000
)

// weightCount returns the number of weights and biases of the network of
// c, counted with the largest output layer, the 3 units of the relegator
// types, and with biases.
func (c Config) weightCount() int {
	in, w := 2, 0
	for _, n := range append(slices.Clone(c.HiddenNodes), 3) {
		w += (in + 1) * n
		in = n
	}
	return w
}
