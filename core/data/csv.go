package data

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/relegator/relegator/core/config"
)

// MaxLabel is the largest truth class a CSV file may use. Labels index the
// outputs of the network, so a typing error such as 1000 is rejected
// rather than turned into a thousand output units.
const MaxLabel = 255

// Causes of a CSV loading error, for errors.Is.
var (
	ErrMissingColumn   = errors.New("missing column")
	ErrDuplicateColumn = errors.New("duplicate column")
	ErrInvalidNumber   = errors.New("invalid number")
	ErrInvalidLabel    = errors.New("invalid label")
	ErrTooFewEvents    = errors.New("too few events")
)

// Columns names the columns of a CSV file that LoadCSV reads.
type Columns struct {
	// Features lists the input columns, in order. When it is empty, every
	// column other than Mass, Label and Weight is a feature, in file
	// order, except columns with an empty name, which is how pandas writes
	// its index.
	Features []string
	// Mass is the column of the feature of merit.
	Mass string
	// Label is the column of the truth class, an integer in [0, MaxLabel].
	Label string
	// Weight is the column of event weights; empty means every event
	// weighs 1.
	Weight string
	// Classes, when positive, is the number of truth classes, so that a
	// label must lie in [0, Classes-1]; 0 accepts labels up to MaxLabel.
	Classes int
}

// DefaultColumns returns the columns of the moons samples: features x1, x2
// (found as the other columns), mass m and truth class label.
func DefaultColumns() Columns {
	return Columns{Mass: "m", Label: "label"}
}

// CSVError is a problem at one place of a CSV file.
type CSVError struct {
	// Line is the 1-based line number of the record, 0 when the problem
	// concerns the whole file.
	Line int
	// Column is the column name, or empty.
	Column string
	Err    error
}

// Error returns the place and the cause, such as
// `line 7, column "m": invalid number "abc"`.
func (e *CSVError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d", e.Line)
	}
	if e.Column != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "column %q", e.Column)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the cause.
func (e *CSVError) Unwrap() error { return e.Err }

// LoadCSV reads events from CSV text with a header line, such as
//
//	x1,x2,m,label
//	0.732317,0.350337,0.496690,0
//
// Every value must be a finite number, and every label an integer in
// [0, MaxLabel] (1.0 counts as 1). At least 2 events are needed. Errors
// are *CSVError values naming the line and the column. A pandas pickle
// given in place of CSV is reported with an error wrapping
// config.ErrPickle.
func LoadCSV(r io.Reader, cols Columns) (*Dataset, error) {
	br := bufio.NewReader(r)
	if isPickle(br) {
		return nil, config.PickleError("input")
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true

	header, err := cr.Read()
	if err == io.EOF {
		return nil, &CSVError{Err: fmt.Errorf("%w: the input is empty, with no header line", ErrMissingColumn)}
	}
	if err != nil {
		return nil, csvReadError(err)
	}
	if len(header) == 1 && strings.ContainsAny(header[0], ";\t") {
		return nil, &CSVError{Line: 1, Err: fmt.Errorf("%w: header %q is one column; separate the columns with commas",
			ErrMissingColumn, header[0])}
	}
	nColumns := len(header)
	layout, err := cols.locate(header)
	if err != nil {
		return nil, err
	}

	d := &Dataset{NFeatures: len(layout.features)}
	for {
		record, err := cr.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
			return nil, &CSVError{Line: pe.Line, Err: fmt.Errorf("%d fields: the header has %d", len(record), nColumns)}
		}
		if err != nil {
			return nil, csvReadError(err)
		}
		line, _ := cr.FieldPos(0)
		if err := layout.appendRecord(d, record, line); err != nil {
			return nil, err
		}
	}
	if d.Len() < 2 {
		return nil, &CSVError{Err: fmt.Errorf("%w: %d events, need at least 2", ErrTooFewEvents, d.Len())}
	}
	return d, nil
}

// isPickle reports whether the input starts like a pickle of protocol 2 or
// later, the formats pandas writes.
func isPickle(br *bufio.Reader) bool {
	b, err := br.Peek(2)
	return err == nil && b[0] == 0x80 && b[1] >= 2 && b[1] <= 5
}

func csvReadError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &CSVError{Line: pe.Line, Err: pe.Err}
	}
	return fmt.Errorf("read CSV: %w", err)
}

// layout is the column index of each part of an event.
type layout struct {
	header   []string
	features []int
	mass     int
	label    int
	weight   int // -1 when absent
	maxLabel int
}

// locate finds the columns of cols in the header.
func (cols Columns) locate(header []string) (*layout, error) {
	names := make([]string, len(header))
	index := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff") // byte order mark written by spreadsheets
		}
		names[i] = h
		if h == "" {
			continue
		}
		if _, dup := index[h]; dup {
			return nil, &CSVError{Line: 1, Column: h, Err: ErrDuplicateColumn}
		}
		index[h] = i
	}
	find := func(name, role string) (int, error) {
		i, ok := index[name]
		if !ok {
			return 0, &CSVError{Line: 1, Column: name,
				Err: fmt.Errorf("%w: no %s column in header %q", ErrMissingColumn, role, strings.Join(names, ","))}
		}
		return i, nil
	}

	l := &layout{header: names, weight: -1, maxLabel: MaxLabel}
	if cols.Classes > 0 {
		l.maxLabel = min(cols.Classes-1, MaxLabel)
	}
	var err error
	if l.mass, err = find(cols.Mass, "mass"); err != nil {
		return nil, err
	}
	if l.label, err = find(cols.Label, "label"); err != nil {
		return nil, err
	}
	if cols.Weight != "" {
		if l.weight, err = find(cols.Weight, "weight"); err != nil {
			return nil, err
		}
	}
	if len(cols.Features) > 0 {
		for _, name := range cols.Features {
			i, err := find(name, "feature")
			if err != nil {
				return nil, err
			}
			l.features = append(l.features, i)
		}
	} else {
		for i, h := range names {
			if h != "" && i != l.mass && i != l.label && i != l.weight {
				l.features = append(l.features, i)
			}
		}
	}
	if len(l.features) == 0 {
		return nil, &CSVError{Line: 1, Err: fmt.Errorf("%w: no feature column besides %s and %s in header %q",
			ErrMissingColumn, cols.Mass, cols.Label, strings.Join(names, ","))}
	}
	if slices.Contains(l.features, l.mass) || slices.Contains(l.features, l.label) {
		return nil, &CSVError{Line: 1, Err: fmt.Errorf("%w: the mass and label columns cannot also be features", ErrDuplicateColumn)}
	}
	return l, nil
}

// appendRecord parses one record and appends it to d.
func (l *layout) appendRecord(d *Dataset, record []string, line int) error {
	number := func(i int) (float64, error) {
		s := strings.TrimSpace(record[i])
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, &CSVError{Line: line, Column: l.header[i],
				Err: fmt.Errorf("%w %q: must be a finite number", ErrInvalidNumber, s)}
		}
		return v, nil
	}

	for _, i := range l.features {
		v, err := number(i)
		if err != nil {
			return err
		}
		d.X = append(d.X, v)
	}
	m, err := number(l.mass)
	if err != nil {
		return err
	}
	d.M = append(d.M, m)

	s := strings.TrimSpace(record[l.label])
	label, err := strconv.ParseFloat(s, 64)
	if err != nil || label != math.Trunc(label) || label < 0 || label > float64(l.maxLabel) {
		return &CSVError{Line: line, Column: l.header[l.label],
			Err: fmt.Errorf("%w %q: must be an integer in [0, %d]", ErrInvalidLabel, s, l.maxLabel)}
	}
	d.Label = append(d.Label, int(label))

	if l.weight >= 0 {
		w, err := number(l.weight)
		if err != nil {
			return err
		}
		d.W = append(d.W, w)
	}
	return nil
}
