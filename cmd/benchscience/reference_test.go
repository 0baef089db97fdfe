package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/relegator/relegator/core/config"
)

func TestLoadReferenceSeedFile(t *testing.T) {
	ref, err := LoadReference(filepath.Join(referenceDir(t), "seed_results.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range FullGrid() {
		for _, m := range []string{config.Relegator, config.Regress, config.BinarySoftmax} {
			if _, ok := ref.Lookup(m, p); !ok {
				// The seed published f = 0.0178 in one sweep and 0.018 in
				// the other; both are on the grid.
				t.Errorf("no published %s result at %v", m, p)
			}
		}
	}
	got, ok := ref.Lookup(config.Regress, Point{Noise: 0.2, Angle: 1.4, SigFraction: 0.01})
	if !ok {
		t.Fatal("no published regress result at 0.2/0.01")
	}
	if got.Fits < 1 || !(got.PassMean > got.RawSignificance) || !(got.PassSD >= 0) || !(got.Seconds > 0) {
		t.Errorf("regress at 0.2/0.01 = %+v: want fits ≥ 1, pass above raw, sd ≥ 0, seconds > 0", got)
	}
}

func TestReadReference(t *testing.T) {
	const header = "model,noise,angle,signal_fraction,fits,weighted_events,raw_significance," +
		"pass_significance_mean,pass_significance_sd,train_seconds_mean,epochs_mean\n"
	text := header +
		"sigmoid_threshold,0.3,1.4,0.018,5,100000,14.5,23.70,0.49,90,428\n" +
		"mod_binary,0.3,1.4,0.018,5,100000,14.5,1,1,1,1\n"
	ref, err := ReadReference(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(ref) != 1 {
		t.Errorf("read %d rows, want 1: unknown model names are skipped", len(ref))
	}
	got, ok := ref.Lookup(config.Regress, Point{0.3, 1.4, 0.018})
	if !ok {
		t.Fatal("sigmoid_threshold was not read as regress")
	}
	want := Published{Model: config.Regress, Point: Point{0.3, 1.4, 0.018}, Fits: 5, WeightedEvents: 100000,
		RawSignificance: 14.5, PassMean: 23.70, PassSD: 0.49, Seconds: 90, Epochs: 428}
	if got != want {
		t.Errorf("row = %+v, want %+v", got, want)
	}
}

func TestReadReferenceErrors(t *testing.T) {
	tests := []struct {
		name, text, wantIn string
	}{
		{"empty", "", "header"},
		{"missing column", "model,noise\nrelegator,0.2\n", "missing"},
		{"bad number", "model,noise,angle,signal_fraction,fits,weighted_events,raw_significance," +
			"pass_significance_mean,pass_significance_sd,train_seconds_mean,epochs_mean\n" +
			"relegator,0.2,1.4,0.01,5,100000,8.3,abc,0.05,104,462\n", "abc"},
	}
	for _, tt := range tests {
		_, err := ReadReference(strings.NewReader(tt.text))
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !strings.Contains(err.Error(), tt.wantIn) {
			t.Errorf("%s: error %q does not mention %q", tt.name, err, tt.wantIn)
		}
	}
}
