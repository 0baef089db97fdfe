package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// kind is the value type of one configuration key.
type kind int

const (
	kindInt kind = iota
	kindUint
	kindFloat
	kindBool
	kindString // free text, such as a file path
	kindEnum   // one of a fixed list of words
	kindIntList
)

// interval is a range of valid numbers; an infinite end is unbounded.
type interval struct {
	lo, hi         float64
	loOpen, hiOpen bool
}

func (r interval) contains(v float64) bool {
	if r.loOpen && !(v > r.lo) || !r.loOpen && !(v >= r.lo) {
		return false
	}
	if r.hiOpen && !(v < r.hi) || !r.hiOpen && !(v <= r.hi) {
		return false
	}
	return true
}

// String returns the rule in words, such as "must be in (0, 1)".
func (r interval) String() string {
	lower := math.IsInf(r.lo, -1)
	upper := math.IsInf(r.hi, 1)
	switch {
	case lower && upper:
		return "must be a finite number"
	case upper && r.loOpen:
		return "must be > " + formatBound(r.lo)
	case upper:
		return "must be ≥ " + formatBound(r.lo)
	case lower && r.hiOpen:
		return "must be < " + formatBound(r.hi)
	case lower:
		return "must be ≤ " + formatBound(r.hi)
	}
	open, closed := "[", "]"
	if r.loOpen {
		open = "("
	}
	if r.hiOpen {
		closed = ")"
	}
	return fmt.Sprintf("must be in %s%s, %s%s", open, formatBound(r.lo), formatBound(r.hi), closed)
}

func closed(lo, hi float64) interval { return interval{lo: lo, hi: hi} }

func atLeast(lo float64) interval { return interval{lo: lo, hi: math.Inf(1)} }

func above(lo float64) interval { return interval{lo: lo, hi: math.Inf(1), loOpen: true} }

var anyFinite = interval{lo: math.Inf(-1), hi: math.Inf(1)}

// Limits that keep one run inside the memory of a browser tab or a laptop.
// They are sanity bounds against typing errors, not properties of the method.
const (
	maxEvents    = 10_000_000
	maxLayers    = 64
	maxLayerSize = 4096
	maxEpochs    = 1_000_000
)

// field describes one configuration key: its JSON and URL name, value type,
// where it lives in Config and which values are valid. One table of fields
// drives JSON parsing, validation and the URL codec.
type field struct {
	key  string
	kind kind
	// ptr returns a pointer into c: *int, *uint64, *float64, *bool,
	// *string or *[]int, matching kind.
	ptr func(c *Config) any
	// valid is the range of a number, or of each entry of an int list.
	valid interval
	// words lists the accepted values of an enum.
	words []string
	// rejected maps enum values that are recognised but not supported to
	// the reason given in the error.
	rejected map[string]string
}

// signifTypes are the values of signif_type. The original research code
// computed the significance from the signal probabilities ("proba") or not
// at all ("none").
var signifTypes = []string{"proba", "none"}

var modelTypes = []string{Relegator, RelegatorFactor, RelegatorDiff, RelegatorV2, BinarySoftmax, ModBinary, Regress}

// fields is the schema of Config, in the order of the original config files.
var fields = []field{
	{key: "n_events", kind: kindInt, ptr: func(c *Config) any { return &c.NEvents }, valid: closed(10, maxEvents)},
	{key: "noise", kind: kindFloat, ptr: func(c *Config) any { return &c.Noise }, valid: atLeast(0)},
	{key: "angle", kind: kindFloat, ptr: func(c *Config) any { return &c.Angle }, valid: anyFinite},
	{key: "sig_fraction", kind: kindFloat, ptr: func(c *Config) any { return &c.SigFraction }, valid: interval{lo: 0, hi: 1, loOpen: true, hiOpen: true}},
	{key: "test_fraction", kind: kindFloat, ptr: func(c *Config) any { return &c.TestFraction }, valid: interval{lo: 0, hi: 1, loOpen: true, hiOpen: true}},
	{key: "min_fom", kind: kindFloat, ptr: func(c *Config) any { return &c.MinFOM }, valid: anyFinite},
	{key: "max_fom", kind: kindFloat, ptr: func(c *Config) any { return &c.MaxFOM }, valid: anyFinite},
	{key: "mean_fom", kind: kindFloat, ptr: func(c *Config) any { return &c.MeanFOM }, valid: anyFinite},
	{key: "width_fom", kind: kindFloat, ptr: func(c *Config) any { return &c.WidthFOM }, valid: above(0)},
	{key: "n_sigmas", kind: kindFloat, ptr: func(c *Config) any { return &c.NSigmas }, valid: above(0)},
	{key: "bkgd_beta", kind: kindFloat, ptr: func(c *Config) any { return &c.BkgdBeta }, valid: above(0)},
	{key: "ttsplit_random_state", kind: kindInt, ptr: func(c *Config) any { return &c.TTSplitRandomState }, valid: closed(0, math.MaxUint32)},
	{key: "weighted_n_events", kind: kindInt, ptr: func(c *Config) any { return &c.WeightedNEvents }, valid: closed(10, maxEvents)},
	{key: "train_data_file", kind: kindString, ptr: func(c *Config) any { return &c.TrainDataFile }},
	{key: "weighted_data_file", kind: kindString, ptr: func(c *Config) any { return &c.WeightedDataFile }},
	{key: "n_weighted_datasets", kind: kindInt, ptr: func(c *Config) any { return &c.NWeightedDatasets }, valid: closed(1, 1000)},

	{key: "model_type", kind: kindEnum, ptr: func(c *Config) any { return &c.ModelType }, words: modelTypes},
	{key: "input_dropout", kind: kindFloat, ptr: func(c *Config) any { return &c.InputDropout }, valid: interval{lo: 0, hi: 1, hiOpen: true}},
	{key: "learning_rate", kind: kindFloat, ptr: func(c *Config) any { return &c.LearningRate }, valid: interval{lo: 0, hi: 1, loOpen: true}},
	{key: "hidden_nodes", kind: kindIntList, ptr: func(c *Config) any { return &c.HiddenNodes }, valid: closed(1, maxLayerSize)},
	{key: "bias", kind: kindBool, ptr: func(c *Config) any { return &c.Bias }},
	{key: "signif_type", kind: kindEnum, ptr: func(c *Config) any { return &c.SignifType }, words: signifTypes,
		rejected: map[string]string{"categ": "categ was an unfinished variant in the original research code and is not implemented; use proba or none"}},

	{key: "n_epochs", kind: kindInt, ptr: func(c *Config) any { return &c.NEpochs }, valid: closed(1, maxEpochs)},
	{key: "ot_cutoff", kind: kindBool, ptr: func(c *Config) any { return &c.OTCutoff }},
	{key: "ot_cutoff_depth", kind: kindInt, ptr: func(c *Config) any { return &c.OTCutoffDepth }, valid: closed(2, maxEpochs)},

	{key: "batch_size", kind: kindInt, ptr: func(c *Config) any { return &c.BatchSize }, valid: closed(0, maxEvents)},
	{key: "signif_formula", kind: kindEnum, ptr: func(c *Config) any { return &c.SignifFormula }, words: []string{Simple, Asimov}},
	{key: "selection", kind: kindEnum, ptr: func(c *Config) any { return &c.Selection }, words: []string{Argmax, PSig}},
	{key: "seed", kind: kindUint, ptr: func(c *Config) any { return &c.Seed }},
	{key: "relegation_ce", kind: kindEnum, ptr: func(c *Config) any { return &c.RelegationCE }, words: []string{Normalized, Merged}},
	{key: "signif_weight", kind: kindFloat, ptr: func(c *Config) any { return &c.SignifWeight }, valid: closed(0, 1e6)},
	{key: "signif_counts", kind: kindEnum, ptr: func(c *Config) any { return &c.SignifCounts }, words: []string{CountWindow, CountExpected}},
	{key: "signif_average", kind: kindInt, ptr: func(c *Config) any { return &c.SignifAverage }, valid: closed(0, maxEpochs)},
	{key: "lr_final_fraction", kind: kindFloat, ptr: func(c *Config) any { return &c.LRFinalFraction }, valid: interval{lo: 0, hi: 1, loOpen: true}},
	{key: "init", kind: kindEnum, ptr: func(c *Config) any { return &c.Init }, words: []string{GlorotUniform, HeUniform}},
}

// aliases maps the older key spellings of the original config files to the
// current ones.
var aliases = map[string]string{
	"min_mass":   "min_fom",
	"max_mass":   "max_fom",
	"mean_mass":  "mean_fom",
	"width_mass": "width_fom",
}

// lookup returns the field of a key or one of its older spellings.
func lookup(key string) (*field, bool) {
	if k, ok := aliases[key]; ok {
		key = k
	}
	for i := range fields {
		if fields[i].key == key {
			return &fields[i], true
		}
	}
	return nil, false
}

// Keys returns every configuration key in schema order, with the current
// spelling of the mass keys.
func Keys() []string {
	keys := make([]string, len(fields))
	for i, f := range fields {
		keys[i] = f.key
	}
	return keys
}

// value returns the current value of f in c.
func (f *field) value(c *Config) any {
	switch p := f.ptr(c).(type) {
	case *int:
		return *p
	case *uint64:
		return *p
	case *float64:
		return *p
	case *bool:
		return *p
	case *string:
		return *p
	case *[]int:
		return *p
	}
	return nil
}

// format writes the value of f in c as URL text.
func (f *field) format(c *Config) string {
	switch p := f.ptr(c).(type) {
	case *int:
		return strconv.Itoa(*p)
	case *uint64:
		return strconv.FormatUint(*p, 10)
	case *float64:
		return formatFloat(*p)
	case *bool:
		return strconv.FormatBool(*p)
	case *string:
		return *p
	case *[]int:
		parts := make([]string, len(*p))
		for i, n := range *p {
			parts[i] = strconv.Itoa(n)
		}
		return strings.Join(parts, ",")
	}
	return ""
}

// formatFloat writes v with the fewest digits that read back as v.
func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// formatBound writes a range limit for a message: whole numbers in full
// (10000000, not 1e+07), others as formatFloat does.
func formatBound(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return formatFloat(v)
}

// suggestKey returns a known key, or an older spelling, within two edits
// of key, or "" when there is none.
func suggestKey(key string) string {
	best, bestDist := "", 3
	try := func(k string) {
		if d := editDistance(key, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	for _, f := range fields {
		try(f.key)
	}
	for k := range aliases {
		try(k)
	}
	return best
}

// editDistance returns the Levenshtein distance between a and b, counted
// in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// unknownKey returns the error for a key that is not in the schema.
func unknownKey(key string, value any) *FieldError {
	rule := "unknown key"
	if s := suggestKey(key); s != "" {
		rule += "; did you mean " + s + "?"
	}
	return &FieldError{Key: key, Value: value, Rule: rule}
}
