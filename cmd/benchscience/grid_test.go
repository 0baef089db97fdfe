package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func TestFullGridMatchesBayesReference(t *testing.T) {
	path := filepath.Join(referenceDir(t), "bayes_limit.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[Point]bool{}
	for _, rec := range recs[1:] {
		var v [3]float64
		for i := range v {
			if v[i], err = strconv.ParseFloat(rec[i], 64); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
		}
		want[Point{Noise: v[0], Angle: v[1], SigFraction: v[2]}] = true
	}
	got := FullGrid()
	if len(got) != len(want) {
		t.Errorf("FullGrid has %d points, %s has %d", len(got), path, len(want))
	}
	seen := map[Point]bool{}
	for _, p := range got {
		if !want[p] {
			t.Errorf("FullGrid point %v is not in %s", p, path)
		}
		if seen[p] {
			t.Errorf("FullGrid lists %v twice", p)
		}
		seen[p] = true
	}
}

func TestQuickGridOnFullGrid(t *testing.T) {
	full := FullGrid()
	for _, p := range QuickGrid() {
		if !contains(full, p) {
			t.Errorf("quick point %v is not on the full grid", p)
		}
	}
}

func TestParsePoints(t *testing.T) {
	tests := []struct {
		in      string
		want    []Point
		wantErr bool
	}{
		{in: "0.2/0.01", want: []Point{{0.2, 1.4, 0.01}}},
		{in: " 0.2/0.001 , 0.5/0.018,", want: []Point{{0.2, 1.4, 0.001}, {0.5, 1.4, 0.018}}},
		{in: "", wantErr: true},
		{in: "0.2", wantErr: true},
		{in: "x/0.01", wantErr: true},
		{in: "-0.1/0.01", wantErr: true},
		{in: "0.2/1", wantErr: true},
		{in: "0.2/0", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParsePoints(tt.in)
		if tt.wantErr {
			if err == nil {
				t.Errorf("ParsePoints(%q) = %v, want an error", tt.in, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParsePoints(%q): %v", tt.in, err)
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("ParsePoints(%q) = %v, want %v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("ParsePoints(%q)[%d] = %v, want %v", tt.in, i, got[i], tt.want[i])
			}
		}
	}
}

func TestPointStringParsesBack(t *testing.T) {
	for _, p := range FullGrid() {
		got, err := ParsePoints(p.String())
		if err != nil {
			t.Fatalf("ParsePoints(%q): %v", p.String(), err)
		}
		if got[0] != p {
			t.Errorf("ParsePoints(%q) = %v, want %v", p.String(), got[0], p)
		}
	}
}

// referenceDir returns the folder of the reference results, two levels
// above this package's module root, and skips the test when it is absent.
func referenceDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "reference")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("reference folder %s is absent: %v", dir, err)
	}
	return dir
}
