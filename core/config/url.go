package config

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// EncodeURL returns every key of c as URL query values: numbers in their
// shortest exact form, booleans as true or false, hidden_nodes as
// "40,40,20". DecodeURL(EncodeURL(c), base) returns c for any base when c
// is valid.
func EncodeURL(c Config) url.Values {
	v := url.Values{}
	for i := range fields {
		v.Set(fields[i].key, fields[i].format(&c))
	}
	return v
}

// EncodeURLDiff returns the keys whose values in c differ from those in
// base, for a short shareable URL. DecodeURL(EncodeURLDiff(c, base), base)
// returns c when c is valid.
func EncodeURLDiff(c, base Config) url.Values {
	v := url.Values{}
	for i := range fields {
		f := &fields[i]
		if s := f.format(&c); s != f.format(&base) {
			v.Set(f.key, s)
		}
	}
	return v
}

// DecodeURL returns base with the keys of v applied, as EncodeURL writes
// them. It also accepts the older mass key spellings. These problems are
// each reported as a *FieldError in the joined error: an unknown key, a
// key given twice, text of the wrong type, and every value that Validate
// rejects, alone or together with other keys of v. A key with a problem
// keeps its value from base, so the returned Config is valid whenever
// base is.
func DecodeURL(v url.Values, base Config) (Config, error) {
	c := base
	var errs []error
	seen := map[string]bool{}    // keys present in v, under either spelling
	decoded := map[string]bool{} // keys set from v

	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		values := v[k]
		f, ok := lookup(k)
		switch {
		case !ok:
			errs = append(errs, unknownKey(k, strings.Join(values, ",")))
			continue
		case seen[f.key]:
			errs = append(errs, &FieldError{Key: f.key, Value: strings.Join(values, ","), Rule: "given twice; keep one"})
			f.restore(&c, &base)
			decoded[f.key] = false
			continue
		}
		seen[f.key] = true
		if len(values) != 1 {
			errs = append(errs, &FieldError{Key: f.key, Value: strings.Join(values, ","),
				Rule: fmt.Sprintf("given %d times; keep one", len(values))})
			continue
		}
		if fe := f.setText(&c, values[0]); fe != nil {
			errs = append(errs, fe)
			continue
		}
		decoded[f.key] = true
	}

	// Put back the base value of every decoded key that a rule rejects.
	// A rule across keys puts back all its decoded keys. Each round puts
	// back at least one key, so the loop ends.
	for {
		var left []*FieldError
		changed := false
		for _, p := range c.problems() {
			var reverted []string
			var value any
			for _, k := range append([]string{p.Key}, p.Related...) {
				if decoded[k] {
					f, _ := lookup(k)
					if reverted == nil {
						value = f.value(&c)
					}
					f.restore(&c, &base)
					decoded[k] = false
					reverted = append(reverted, k)
				}
			}
			if reverted == nil {
				left = append(left, p)
				continue
			}
			changed = true
			if reverted[0] != p.Key {
				// Report a rule across keys at a key the URL set, the
				// one the user changed.
				related := []string{p.Key}
				for _, k := range p.Related {
					if k != reverted[0] {
						related = append(related, k)
					}
				}
				p = &FieldError{Key: reverted[0], Value: value, Rule: p.Rule, Related: related}
			}
			errs = append(errs, p)
		}
		if !changed {
			for _, p := range left {
				errs = append(errs, p)
			}
			break
		}
	}
	return c, errors.Join(errs...)
}

// restore copies the value of f from base into c.
func (f *field) restore(c, base *Config) {
	switch p := f.ptr(c).(type) {
	case *int:
		*p = *f.ptr(base).(*int)
	case *uint64:
		*p = *f.ptr(base).(*uint64)
	case *float64:
		*p = *f.ptr(base).(*float64)
	case *bool:
		*p = *f.ptr(base).(*bool)
	case *string:
		*p = *f.ptr(base).(*string)
	case *[]int:
		*p = *f.ptr(base).(*[]int)
	}
}

// setText stores the URL text s in the field of c, or returns why it
// cannot. Range checks are left to Validate.
// fullBatch is the word the page's batch-size control shows for
// batch_size 0, accepted in URLs too.
const fullBatch = "full"

func (f *field) setText(c *Config, s string) *FieldError {
	wrongType := func(want string) *FieldError {
		return &FieldError{Key: f.key, Value: s, Rule: "must be " + want}
	}
	switch p := f.ptr(c).(type) {
	case *string:
		*p = s
	case *bool:
		v, err := strconv.ParseBool(s)
		if err != nil {
			return wrongType("true or false")
		}
		*p = v
	case *float64:
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return wrongType("a number")
		}
		*p = v
	case *int:
		if f.key == "batch_size" && s == fullBatch {
			*p = 0
			return nil
		}
		v, rule := parseInt(s)
		if rule != "" {
			return wrongType(rule)
		}
		*p = v
	case *uint64:
		v, rule := parseUint(s)
		if rule != "" {
			return wrongType(rule)
		}
		*p = v
	case *[]int:
		parts := strings.Split(s, ",")
		list := make([]int, 0, len(parts))
		for _, part := range parts {
			v, rule := parseInt(strings.TrimSpace(part))
			if rule != "" || len(parts) > maxLayers {
				return wrongType(fmt.Sprintf("1 to %d integers separated by commas, such as 40,40,20", maxLayers))
			}
			list = append(list, v)
		}
		*p = list
	}
	return nil
}
