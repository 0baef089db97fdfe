package eval

import (
	"math"
	"os"
	"reflect"
	"testing"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/signif"
)

// Predicted classes, short for the tables below.
const (
	pb = 0 // background
	ps = 1 // signal
	pr = 2 // relegated
)

// tallySample returns eight events whose counts the tests below work out by
// hand. Events 5 and 6 sit exactly on the window edges, which belong to the
// window.
func tallySample(c config.Config) (class, label []int, m []float64) {
	class = []int{ps, ps, pr, pb, ps, pb, pr, pb}
	label = []int{1, 0, 1, 0, 1, 1, 0, 0}
	m = []float64{0.5, 0.45, 0.5, 0.9, 0.1, c.WindowHigh(), c.WindowLow(), 0.55}
	return class, label, m
}

func TestTallyHandCounts(t *testing.T) {
	c := config.Default()
	class, label, m := tallySample(c)
	cases := []struct {
		name string
		w    []float64
		want Result
	}{
		{"unweighted", nil, Result{
			NRawSig: 3, NRawBkgd: 3, NPassSig: 1, NPassBkgd: 1,
			Accuracy: 4.0 / 8, AccuracyWindow: 2.0 / 6, DecidedAccuracy: 4.0 / 6,
			RelegatedFraction: 2.0 / 8, RelegatedFractionWindow: 2.0 / 6,
			Confusion:       Confusion{{2, 1, 1}, {1, 2, 1}},
			ConfusionWindow: Confusion{{1, 1, 1}, {1, 1, 1}},
			NEvents:         8, NWindow: 6,
		}},
		{"weighted", []float64{1, 2, 3, 4, 5, 6, 7, 8}, Result{
			NRawSig: 1 + 3 + 6, NRawBkgd: 2 + 7 + 8, NPassSig: 1, NPassBkgd: 2,
			Accuracy: (1 + 4 + 5 + 8) / 36.0, AccuracyWindow: (1 + 8) / 27.0,
			DecidedAccuracy:   (1 + 4 + 5 + 8) / 26.0,
			RelegatedFraction: (3 + 7) / 36.0, RelegatedFractionWindow: (3 + 7) / 27.0,
			Confusion:       Confusion{{4 + 8, 2, 7}, {6, 1 + 5, 3}},
			ConfusionWindow: Confusion{{8, 2, 7}, {6, 1, 3}},
			NEvents:         36, NWindow: 27,
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Tally(class, label, m, tc.w, c)
			want := tc.want
			want.Rule, want.Formula = config.Argmax, config.Simple
			want.WindowLow, want.WindowHigh = c.WindowLow(), c.WindowHigh()
			want.RawZ = want.NRawSig / math.Sqrt(want.NRawSig+want.NRawBkgd)
			want.PassZ = want.NPassSig / math.Sqrt(want.NPassSig+want.NPassBkgd)
			checkResult(t, got, want)
		})
	}
}

// checkResult compares every field of got and want, the floats within a
// relative 1e-12.
func checkResult(t *testing.T, got, want Result) {
	t.Helper()
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := range gv.NumField() {
		name := gv.Type().Field(i).Name
		g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
		switch g := g.(type) {
		case float64:
			if w := w.(float64); math.Abs(g-w) > 1e-12*math.Max(1, math.Abs(w)) {
				t.Errorf("%s = %.15g, want %.15g", name, g, w)
			}
		default:
			if !reflect.DeepEqual(g, w) {
				t.Errorf("%s = %v, want %v", name, g, w)
			}
		}
	}
}

func TestTallyFormulaAndRule(t *testing.T) {
	c := config.Default()
	c.SignifFormula = config.Asimov
	c.Selection = config.PSig
	class, label, m := tallySample(c)
	got := Tally(class, label, m, nil, c)
	if got.Rule != config.PSig {
		t.Errorf("Rule = %q, want %q", got.Rule, config.PSig)
	}
	if got.Formula != config.Asimov {
		t.Errorf("Formula = %q, want %q", got.Formula, config.Asimov)
	}
	if want := signif.Z(3, 3, config.Asimov); got.RawZ != want {
		t.Errorf("RawZ = %g, want Asimov %g", got.RawZ, want)
	}
	if want := signif.Z(1, 1, config.Asimov); got.PassZ != want {
		t.Errorf("PassZ = %g, want Asimov %g", got.PassZ, want)
	}
}

func TestTallyEmptyIsFinite(t *testing.T) {
	c := config.Default()
	cases := []struct {
		name                  string
		class, label          []int
		m                     []float64
		wantRelegated, wantNW float64
	}{
		{"no events", nil, nil, nil, 0, 0},
		{"all relegated", []int{pr, pr}, []int{0, 1}, []float64{0.5, 0.5}, 1, 2},
		{"nothing in window", []int{ps, pb}, []int{1, 0}, []float64{0.1, 0.9}, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Tally(tc.class, tc.label, tc.m, nil, c)
			checkFinite(t, r)
			if r.PassZ != 0 {
				t.Errorf("PassZ = %g, want 0", r.PassZ)
			}
			if r.RelegatedFraction != tc.wantRelegated {
				t.Errorf("RelegatedFraction = %g, want %g", r.RelegatedFraction, tc.wantRelegated)
			}
			if r.NWindow != tc.wantNW {
				t.Errorf("NWindow = %g, want %g", r.NWindow, tc.wantNW)
			}
		})
	}
}

// checkFinite fails the test when a float field of r is NaN or infinite.
func checkFinite(t *testing.T, r Result) {
	t.Helper()
	v := reflect.ValueOf(r)
	for i := range v.NumField() {
		f := v.Field(i)
		var values []float64
		switch x := f.Interface().(type) {
		case float64:
			values = []float64{x}
		case Confusion:
			for _, row := range x {
				values = append(values, row[:]...)
			}
		}
		for _, x := range values {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Errorf("%s contains %g", v.Type().Field(i).Name, x)
			}
		}
	}
}

func TestTallyPanicsOnMisuse(t *testing.T) {
	c := config.Default()
	cases := []struct {
		name         string
		class, label []int
		m, w         []float64
	}{
		{"short label", []int{ps, pb}, []int{1}, []float64{0.5, 0.5}, nil},
		{"short weights", []int{ps}, []int{1}, []float64{0.5}, []float64{}},
		{"class out of range", []int{3}, []int{1}, []float64{0.5}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			Tally(tc.class, tc.label, tc.m, tc.w, c)
		})
	}
}

func TestTallySeedAnalysisSample(t *testing.T) {
	// The seed's analysis sample (f = 0.01, N = 100000, made with
	// scikit-learn) must show the expected window counts within Poisson
	// errors when every event counts as selected.
	f, err := os.Open(sharedPath(t, "data/weighted-f0.01-noise0.2-n100000.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := data.LoadCSV(f, data.DefaultColumns())
	if err != nil {
		t.Fatal(err)
	}

	c := config.Default()
	class := make([]int, d.Len())
	for i := range class {
		class[i] = ps
	}
	r := Tally(class, d.Label, d.M, d.W, c)

	effSig, effBkgd := signif.WindowEfficiencies(c.MeanFOM, c.WidthFOM, c.NSigmas,
		c.BkgdBeta, c.MinFOM, c.MaxFOM)
	wantSig := r.Confusion[1][ps] * effSig
	wantBkgd := r.Confusion[0][ps] * effBkgd
	if math.Abs(r.NRawSig-wantSig) > 4*math.Sqrt(wantSig) {
		t.Errorf("signal in window %g, expected %.1f", r.NRawSig, wantSig)
	}
	if math.Abs(r.NRawBkgd-wantBkgd) > 4*math.Sqrt(wantBkgd) {
		t.Errorf("background in window %g, expected %.1f", r.NRawBkgd, wantBkgd)
	}
	if r.PassZ != r.RawZ {
		t.Errorf("pass Z %g differs from raw Z %g with every event selected", r.PassZ, r.RawZ)
	}
	t.Logf("raw Z %.2f from S %g, B %g (expected %.1f, %.1f)",
		r.RawZ, r.NRawSig, r.NRawBkgd, wantSig, wantBkgd)
}
