package data

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/relegator/relegator/core/config"
)

func TestLoadSharedFiles(t *testing.T) {
	tests := []struct {
		name   string
		nb, ns int
	}{
		{"moons-mass-noise0.2-n25000.csv", 12500, 12500},
		{"moons-mass-noise0.4-n20000.csv", 10000, 10000},
		{"moons-mass-noise1.0-n20000.csv", 10000, 10000},
		{"weighted-f0.01-noise0.2-n100000.csv", 99000, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := loadShared(t, tt.name)
			if d.NFeatures != 2 {
				t.Errorf("NFeatures = %d, want 2", d.NFeatures)
			}
			if len(d.X) != 2*d.Len() || len(d.M) != d.Len() || d.W != nil {
				t.Errorf("columns X %d, M %d, W %v for %d events", len(d.X), len(d.M), d.W != nil, d.Len())
			}
			nb, ns := countLabels(d)
			if nb != tt.nb || ns != tt.ns {
				t.Errorf("%d background, %d signal; want %d, %d", nb, ns, tt.nb, tt.ns)
			}
		})
	}
}

func TestLoadCSVColumns(t *testing.T) {
	in := "\ufeff,label,x1,m,w,x2\n0,1,0.5,0.25,2,-1\n1,0,1e-3,0.75,0.5,3\n"
	d, err := LoadCSV(strings.NewReader(in), Columns{Mass: "m", Label: "label", Weight: "w"})
	if err != nil {
		t.Fatalf("LoadCSV: %v", err)
	}
	wantX := []float64{0.5, -1, 1e-3, 3}
	for i, v := range wantX {
		if d.X[i] != v {
			t.Errorf("X[%d] = %g, want %g", i, d.X[i], v)
		}
	}
	if d.Label[0] != 1 || d.Label[1] != 0 {
		t.Errorf("Label = %v, want [1 0]", d.Label)
	}
	if d.M[0] != 0.25 || d.M[1] != 0.75 {
		t.Errorf("M = %v, want [0.25 0.75]", d.M)
	}
	if len(d.W) != 2 || d.W[0] != 2 || d.W[1] != 0.5 {
		t.Errorf("W = %v, want [2 0.5]", d.W)
	}

	d, err = LoadCSV(strings.NewReader(in), Columns{Features: []string{"x2"}, Mass: "m", Label: "label"})
	if err != nil {
		t.Fatalf("LoadCSV with named features: %v", err)
	}
	if d.NFeatures != 1 || d.X[0] != -1 || d.X[1] != 3 {
		t.Errorf("named feature x2: NFeatures %d, X %v", d.NFeatures, d.X)
	}
}

func TestLoadCSVErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		cause  error
		line   int
		column string
	}{
		{"empty input", "", ErrMissingColumn, 0, ""},
		{"no mass column", "x1,x2,mass,label\n1,2,3,0\n", ErrMissingColumn, 1, "m"},
		{"no label column", "x1,x2,m\n1,2,3\n", ErrMissingColumn, 1, "label"},
		{"no features", "m,label\n1,0\n2,1\n", ErrMissingColumn, 1, ""},
		{"duplicate column", "x1,x1,m,label\n1,2,3,0\n", ErrDuplicateColumn, 1, "x1"},
		{"text for number", "x1,x2,m,label\n1,2,3,0\n1,abc,3,0\n", ErrInvalidNumber, 3, "x2"},
		{"NaN mass", "x1,x2,m,label\n1,2,3,0\n1,2,NaN,0\n", ErrInvalidNumber, 3, "m"},
		{"infinite feature", "x1,x2,m,label\n+Inf,2,3,0\n", ErrInvalidNumber, 2, "x1"},
		{"fraction label", "x1,x2,m,label\n1,2,3,0.5\n", ErrInvalidLabel, 2, "label"},
		{"negative label", "x1,x2,m,label\n1,2,3,0\n1,2,3,-1\n", ErrInvalidLabel, 3, "label"},
		{"huge label", "x1,x2,m,label\n1,2,3,1000\n", ErrInvalidLabel, 2, "label"},
		{"one event", "x1,x2,m,label\n1,2,3,0\n", ErrTooFewEvents, 0, ""},
		{"semicolons", "x1;x2;m;label\n1;2;3;0\n", ErrMissingColumn, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadCSV(strings.NewReader(tt.in), DefaultColumns())
			if !errors.Is(err, tt.cause) {
				t.Fatalf("LoadCSV = %v, want cause %v", err, tt.cause)
			}
			var ce *CSVError
			if !errors.As(err, &ce) {
				t.Fatalf("LoadCSV = %v, not a *CSVError", err)
			}
			if ce.Line != tt.line {
				t.Errorf("Line = %d, want %d (%v)", ce.Line, tt.line, err)
			}
			if ce.Column != tt.column {
				t.Errorf("Column = %q, want %q (%v)", ce.Column, tt.column, err)
			}
		})
	}
}

func TestLoadCSVClasses(t *testing.T) {
	cols := DefaultColumns()
	cols.Classes = 2
	tests := []struct {
		name string
		in   string
		ok   bool
	}{
		{"labels 0 and 1", "x1,x2,m,label\n1,2,3,0\n1,2,3,1.0\n", true},
		{"label 2", "x1,x2,m,label\n1,2,3,0\n1,2,3,2\n", false},
		{"label -1", "x1,x2,m,label\n1,2,3,0\n1,2,3,-1\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadCSV(strings.NewReader(tt.in), cols)
			if tt.ok {
				if err != nil {
					t.Fatalf("LoadCSV = %v, want no error", err)
				}
				return
			}
			var ce *CSVError
			if !errors.As(err, &ce) || !errors.Is(err, ErrInvalidLabel) || ce.Line != 3 {
				t.Fatalf("LoadCSV = %v, want an invalid label on line 3", err)
			}
			if !strings.Contains(err.Error(), "[0, 1]") {
				t.Errorf("message %q does not give the range [0, 1]", err)
			}
		})
	}
}

func TestLoadCSVWrongFieldCount(t *testing.T) {
	_, err := LoadCSV(strings.NewReader("x1,x2,m,label\n1,2,3,0\n1,2,3\n"), DefaultColumns())
	var ce *CSVError
	if !errors.As(err, &ce) || ce.Line != 3 {
		t.Errorf("LoadCSV = %v, want a *CSVError on line 3", err)
	}
	if want := "line 3: 3 fields: the header has 4"; err == nil || err.Error() != want {
		t.Errorf("message %v, want %q", err, want)
	}
}

func TestLoadCSVSemicolonMessage(t *testing.T) {
	_, err := LoadCSV(strings.NewReader("x1;x2;m;label\n1;2;3;0\n"), DefaultColumns())
	if err == nil || !strings.Contains(err.Error(), "separate the columns with commas") {
		t.Errorf("LoadCSV = %v, want advice to use commas", err)
	}
}

func TestLoadCSVPickle(t *testing.T) {
	pickle := []byte{0x80, 0x04, 0x95, 0x10, 0, 0, 0, 0, 0, 0, 0}
	_, err := LoadCSV(bytes.NewReader(pickle), DefaultColumns())
	if !errors.Is(err, config.ErrPickle) {
		t.Errorf("LoadCSV(pickle) = %v, want config.ErrPickle", err)
	}
}

func FuzzLoadCSV(f *testing.F) {
	f.Add([]byte("x1,x2,m,label\n0.7,0.3,0.4,0\n0.5,-0.3,0.01,1\n"))
	f.Add([]byte(",x1,m,label,w\n0,1,2,3,4\n"))
	f.Add([]byte("x1,x2,m,label\n\"1\",2,3,0\n1,2,3,1e0\n"))
	f.Add([]byte("label,m\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		cols := DefaultColumns()
		cols.Weight = "w"
		for _, c := range []Columns{DefaultColumns(), cols} {
			d, err := LoadCSV(bytes.NewReader(in), c)
			if err != nil {
				continue
			}
			n := d.Len()
			if n < 2 || d.NFeatures < 1 || len(d.X) != n*d.NFeatures || len(d.M) != n {
				t.Fatalf("inconsistent dataset: %d events, %d features, %d X, %d M", n, d.NFeatures, len(d.X), len(d.M))
			}
			for _, v := range append(append([]float64{}, d.X...), d.M...) {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("non-finite value %g loaded", v)
				}
			}
			for _, l := range d.Label {
				if l < 0 || l > MaxLabel {
					t.Fatalf("label %d loaded", l)
				}
			}
		}
	})
}

func BenchmarkLoadCSV(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("x1,x2,m,label\n")
	for i := range 10000 {
		buf.WriteString("0.732317,0.350337,0.496690,")
		buf.WriteByte(byte('0' + i%2))
		buf.WriteByte('\n')
	}
	in := buf.Bytes()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadCSV(bytes.NewReader(in), DefaultColumns()); err != nil {
			b.Fatal(err)
		}
	}
}
