package eval

import (
	"testing"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
)

func TestBinCount(t *testing.T) {
	cases := []struct{ n, want int }{
		{0, 1}, {1, 1}, {4, 1}, {9, 2}, {25000, 79}, {100000, 158},
	}
	for _, tc := range cases {
		if got := BinCount(tc.n); got != tc.want {
			t.Errorf("BinCount(%d) = %d, want %d", tc.n, got, tc.want)
		}
	}
}

func TestHistFill(t *testing.T) {
	h := newHist(0, 1, 4)
	for _, m := range []float64{0, 0.1, 0.25, 0.6, 1, 1.01, -0.01} {
		h.Fill(m, 1)
	}
	h.Fill(0.9, 2.5)
	want := []float64{2, 1, 1, 1 + 2.5}
	for i, v := range want {
		if h.Counts[i] != v {
			t.Errorf("bin %d = %g, want %g", i, h.Counts[i], v)
		}
	}
	if got := h.Centre(1); got != 0.375 {
		t.Errorf("Centre(1) = %g, want 0.375", got)
	}
}

func TestMassHistogramsHandCounts(t *testing.T) {
	c := config.Default()
	class, label, m := tallySample(c)
	w := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	d := &data.Dataset{NFeatures: 2, X: make([]float64, 16), Label: label, M: m, W: w}
	hs, err := MassHistograms(d, class, c)
	if err != nil {
		t.Fatal(err)
	}
	// Eight events give round(sqrt(8)/2) = 1 bin over [0, 1].
	cases := []struct {
		name string
		h    Hist
		want float64
	}{
		{"all", hs.All, 36},
		{"signal", hs.Sig, 1 + 3 + 5 + 6},
		{"background", hs.Bkgd, 2 + 4 + 7 + 8},
		{"pass all", hs.PassAll, 1 + 2 + 5},
		{"pass signal", hs.PassSig, 1 + 5},
		{"pass background", hs.PassBkgd, 2},
	}
	for _, tc := range cases {
		if len(tc.h.Counts) != 1 || tc.h.Counts[0] != tc.want {
			t.Errorf("%s: counts %v, want [%g]", tc.name, tc.h.Counts, tc.want)
		}
	}
	if hs.WindowLow != c.WindowLow() || hs.WindowHigh != c.WindowHigh() || hs.Rule != config.Argmax {
		t.Errorf("window [%g, %g] rule %q, want [%g, %g] %q",
			hs.WindowLow, hs.WindowHigh, hs.Rule, c.WindowLow(), c.WindowHigh(), config.Argmax)
	}
}

func TestMassHistogramsRejectsBadInput(t *testing.T) {
	c := config.Default()
	d := &data.Dataset{NFeatures: 2, X: make([]float64, 4), Label: []int{0, 1}, M: []float64{0.2, 0.5}}
	if _, err := MassHistograms(d, []int{1}, c); err == nil {
		t.Error("short classes: no error")
	}
	if _, err := MassHistograms(nil, nil, c); err == nil {
		t.Error("missing sample: no error")
	}
	c.MinFOM, c.MaxFOM = 1, 0
	if _, err := MassHistograms(d, []int{1, 0}, c); err == nil {
		t.Error("reversed range: no error")
	}
}
