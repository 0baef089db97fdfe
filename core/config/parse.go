package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// maxFileSize bounds the size of a configuration file. The config files of
// the original research code are under 1 kB.
const maxFileSize = 1 << 20

// sections are the objects that the original config files group keys in.
var sections = map[string]bool{"data": true, "model": true, "run": true}

// Parse reads a JSON configuration from r with ParseJSON.
func Parse(r io.Reader) (Config, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return Config{}, fmt.Errorf("read config: %w", err)
	}
	if len(b) > maxFileSize {
		return Config{}, fmt.Errorf("config is larger than %d bytes", maxFileSize)
	}
	return ParseJSON(b)
}

// ParseJSON reads a JSON configuration and validates it. It accepts the
// config files of the original research code as they are: keys grouped in
// "data", "model" and "run" objects or all at the top level, the older
// spellings min_mass, max_mass, mean_mass and width_mass, and null for
// "keep the default". Keys left out keep their values from Default.
// Integers may also be written as 25000.0 or 2.5e4.
//
// Each of these is a *FieldError: a key that is not in the schema, a key
// given twice (also under both spellings), a value of the wrong JSON type
// and every problem that Validate finds. ParseJSON returns all of them
// joined, with the zero Config.
func ParseJSON(b []byte) (Config, error) {
	// Windows editors may start a UTF-8 file with a byte order mark.
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if len(bytes.TrimSpace(b)) == 0 {
		return Config{}, errors.New("config is empty: write a JSON object; {} gives the reference configuration")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	top, err := readObject(dec)
	if err != nil {
		if fe := nonFiniteLiteral(b); fe != nil {
			return Config{}, fe
		}
		return Config{}, fmt.Errorf("config is not a JSON object: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Config{}, errors.New("config has data after its closing brace")
	}

	c := Default()
	p := parser{c: &c, seen: map[string]string{}}
	for _, m := range top {
		if sections[m.key] {
			members, err := readObject(json.NewDecoder(bytes.NewReader(m.raw)))
			if err != nil {
				p.errs = append(p.errs, &FieldError{Key: m.key, Value: m.raw, Rule: "must be a JSON object of configuration keys"})
				continue
			}
			for _, sm := range members {
				p.set(sm.key, sm.raw)
			}
			continue
		}
		p.set(m.key, m.raw)
	}
	if len(p.errs) > 0 {
		return Config{}, errors.Join(p.errs...)
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// member is one key and its raw JSON value, in file order.
type member struct {
	key string
	raw json.RawMessage
}

// readObject reads one JSON object from dec and returns its members in the
// order of the text.
func readObject(dec *json.Decoder) ([]member, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok != json.Delim('{') {
		if tok == nil {
			tok = "null"
		}
		return nil, fmt.Errorf("found %v where { was expected", tok)
	}
	var out []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("value of %q: %w", key, err)
		}
		out = append(out, member{key: key, raw: raw})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	return out, nil
}

// keyBefore returns the JSON object key, as written between its quotes,
// whose colon ends b apart from white space, and whether there is one.
func keyBefore(b []byte) (string, bool) {
	b = bytes.TrimRight(b, " \t\r\n")
	if len(b) == 0 || b[len(b)-1] != ':' {
		return "", false
	}
	b = bytes.TrimRight(b[:len(b)-1], " \t\r\n")
	end := len(b) - 1
	if end < 0 || b[end] != '"' || escaped(b, end) {
		return "", false
	}
	for i := end - 1; i >= 0; i-- {
		if b[i] == '"' && !escaped(b, i) {
			return string(b[i+1 : end]), true
		}
	}
	return "", false
}

// escaped reports whether the byte at i follows an odd number of
// backslashes.
func escaped(b []byte, i int) bool {
	n := 0
	for i > 0 && b[i-1] == '\\' {
		n++
		i--
	}
	return n%2 == 1
}

// nonFiniteLiteral returns the error for a NaN or Infinity written as the
// value of a key when the first syntax error of b is at one, and nil
// otherwise. JavaScript and Python's json module write these literals, but
// JSON does not allow them.
func nonFiniteLiteral(b []byte) *FieldError {
	// Unmarshal, unlike a Decoder, reports the offset from the start of b.
	var raw json.RawMessage
	var se *json.SyntaxError
	if err := json.Unmarshal(b, &raw); !errors.As(err, &se) || se.Offset < 1 || se.Offset > int64(len(b)) {
		return nil
	}
	inWord := func(c byte) bool {
		return c == '+' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	start, end := int(se.Offset)-1, int(se.Offset)-1
	for start > 0 && inWord(b[start-1]) {
		start--
	}
	for end < len(b) && inWord(b[end]) {
		end++
	}
	word := string(b[start:end])
	switch strings.ToLower(strings.TrimLeft(word, "+-")) {
	case "nan", "inf", "infinity":
	default:
		return nil
	}
	key, ok := keyBefore(b[:start])
	if !ok {
		return nil
	}
	fe := &FieldError{Key: key, Value: json.RawMessage(word), Rule: "JSON has no NaN or Infinity"}
	if f, ok := lookup(fe.Key); ok {
		fe.Key = f.key
		if f.kind == kindFloat {
			fe.Rule = f.valid.String() + "; " + fe.Rule
		}
	}
	return fe
}

// parser collects the values and the problems of one file.
type parser struct {
	c    *Config
	seen map[string]string // key -> spelling used in the file
	errs []error
}

func (p *parser) set(key string, raw json.RawMessage) {
	f, ok := lookup(key)
	if !ok {
		p.errs = append(p.errs, unknownKey(key, raw))
		return
	}
	if prev, dup := p.seen[f.key]; dup {
		p.errs = append(p.errs, &FieldError{Key: f.key, Value: raw,
			Rule: fmt.Sprintf("given twice, as %s and %s; keep one", prev, key)})
		return
	}
	p.seen[f.key] = key
	if fe := f.setJSON(p.c, raw); fe != nil {
		p.errs = append(p.errs, fe)
	}
}

// setJSON stores the JSON value raw in the field of c, or returns why it
// cannot. JSON null leaves the field unchanged.
func (f *field) setJSON(c *Config, raw json.RawMessage) *FieldError {
	text := strings.TrimSpace(string(raw))
	if text == "null" {
		return nil
	}
	wrongType := func(want string) *FieldError {
		return &FieldError{Key: f.key, Value: json.RawMessage(text), Rule: "must be " + want}
	}
	switch p := f.ptr(c).(type) {
	case *string:
		if err := json.Unmarshal(raw, p); err != nil {
			return wrongType("a string")
		}
	case *bool:
		if err := json.Unmarshal(raw, p); err != nil {
			return wrongType("true or false")
		}
	case *float64:
		var n json.Number
		if err := json.Unmarshal(raw, &n); err != nil || !isJSONNumber(text) {
			return wrongType("a number")
		}
		v, err := strconv.ParseFloat(n.String(), 64)
		if err != nil {
			return wrongType("a finite number")
		}
		*p = v
	case *int:
		v, rule := parseInt(text)
		if rule != "" || !isJSONNumber(text) {
			return wrongType(or(rule, "an integer"))
		}
		*p = v
	case *uint64:
		v, rule := parseUint(text)
		if rule != "" || !isJSONNumber(text) {
			return wrongType(or(rule, "an integer"))
		}
		*p = v
	case *[]int:
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return wrongType("a list of integers, such as [40, 40, 20]")
		}
		list := make([]int, len(items))
		for i, it := range items {
			s := strings.TrimSpace(string(it))
			v, rule := parseInt(s)
			if rule != "" || !isJSONNumber(s) {
				return wrongType("a list of integers, such as [40, 40, 20]")
			}
			list[i] = v
		}
		*p = list
	}
	return nil
}

func or(s, fallback string) string {
	if s != "" {
		return s
	}
	return fallback
}

// isJSONNumber reports whether text is a JSON number, not a string or
// another type.
func isJSONNumber(text string) bool {
	return text != "" && (text[0] == '-' || text[0] >= '0' && text[0] <= '9')
}

// parseInt reads a whole number written as an integer or as a float with
// no fraction (25000, 25000.0, 2.5e4). It returns the rule that text
// breaks, or "".
func parseInt(text string) (int, string) {
	if v, err := strconv.ParseInt(text, 10, 0); err == nil {
		return int(v), ""
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || v != math.Trunc(v) {
		return 0, "an integer"
	}
	if v < math.MinInt64 || v >= math.MaxInt64 {
		return 0, "an integer of at most 19 digits"
	}
	return int(v), ""
}

// parseUint reads a whole number ≥ 0 as parseInt does.
func parseUint(text string) (uint64, string) {
	if v, err := strconv.ParseUint(text, 10, 64); err == nil {
		return v, ""
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || v != math.Trunc(v) || v < 0 || v >= math.MaxUint64 {
		return 0, "an integer in [0, 18446744073709551615]"
	}
	return uint64(v), ""
}
