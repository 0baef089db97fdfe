package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/eval"
)

// writeConfig writes a config file into a temporary folder and returns its
// path.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// smallConfig trains in well under a second.
const smallConfig = `{"n_events": 1000, "weighted_n_events": 5000, "batch_size": 128,
	"learning_rate": 0.005, "n_epochs": 5}`

func TestRunJSONHasEveryKey(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"-json", "-seed", "4", writeConfig(t, smallConfig)}, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit status %d, stderr %q", code, errOut.String())
	}
	var got map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out.String())
	}
	for _, key := range []string{"model_type", "epochs", "train_seconds", "accuracy_validation",
		"raw_significance", "pass_significance", "expected_pass_significance",
		"bayes_significance", "n_raw_sig", "n_raw_bkgd", "n_pass_sig", "n_pass_bkgd"} {
		if _, ok := got[key]; !ok {
			t.Errorf("JSON output lacks %q", key)
		}
	}
	if got["seed"] != 4.0 {
		t.Errorf("seed = %v, want 4 from -seed", got["seed"])
	}
	if got["epochs"] != 5.0 {
		t.Errorf("epochs = %v, want 5", got["epochs"])
	}
	if z := got["bayes_significance"].(float64); z <= got["raw_significance"].(float64) {
		t.Errorf("Bayes limit %g is not above the raw significance %v", z, got["raw_significance"])
	}
}

func TestRunTextSummary(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{writeConfig(t, smallConfig)}, &out, &errOut); code != 0 {
		t.Fatalf("exit status %d, stderr %q", code, errOut.String())
	}
	for _, want := range []string{"pass significance", "expected pass significance", "Bayes limit", "relegated"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRunTrainsOnSeedFiles(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data")
	train := filepath.Join(dir, "moons-mass-noise0.2-n25000.csv")
	analysis := filepath.Join(dir, "weighted-f0.01-noise0.2-n100000.csv")
	if _, err := os.Stat(train); err != nil {
		t.Skipf("seed samples not found: %v", err)
	}
	cfg := writeConfig(t, `{"batch_size": 512, "learning_rate": 0.005, "n_epochs": 2}`)
	var out, errOut bytes.Buffer
	code := run([]string{"-json", "-train", train, "-analysis", analysis, cfg}, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit status %d, stderr %q", code, errOut.String())
	}
	var got summary
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.TrainEvents+got.ValEvents != 25000 {
		t.Errorf("train + validation = %d events, want the file's 25000", got.TrainEvents+got.ValEvents)
	}
	if got.AnalysisEvts != 100000 {
		t.Errorf("analysis sample has %d events, want the file's 100000", got.AnalysisEvts)
	}
	if got.NRawSig+got.NRawBkgd == 0 {
		t.Error("no analysis event lies in the window")
	}
}

func TestRunRejectsBadInput(t *testing.T) {
	dir := t.TempDir()
	writeCSV := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	badCSV := writeCSV("bad.csv", "x1,x2,m,label\n0.1,0.2,oops,1\n")
	good := "0.1,0.2,0.5,0\n0.3,0.4,0.5,1\n"
	label2 := writeCSV("label2.csv", "x1,x2,m,label\n"+good+"0.1,0.2,0.5,2\n")
	oneFeature := writeCSV("x1.csv", "x1,m,label\n0.1,0.5,0\n0.3,0.5,1\n")
	pickle := writeCSV("frame.csv", "\x80\x04\x95\x10\x00")
	two := writeCSV("two.csv", "x1,x2,m,label\n"+good)
	ten := writeCSV("ten.csv", "x1,x2,m,label\n"+strings.Repeat(good, 5))
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{filepath.Join(dir, "none.json")}, "no such file"},
		{"negative noise", []string{writeConfig(t, `{"noise": -1}`)}, "noise"},
		{"unknown key", []string{writeConfig(t, `{"noize": 0.2}`)}, "noize"},
		{"pickle", []string{writeConfig(t, `{"train_data_file": "train.pkl"}`)}, "CSV"},
		{"bad csv", []string{"-train", badCSV, writeConfig(t, `{}`)}, "oops"},
		{"label 2 in analysis", []string{"-train", label2, "-analysis", label2, writeConfig(t, `{}`)}, `line 4, column "label": invalid label "2": must be an integer in [0, 1]`},
		{"no x2 column", []string{"-train", oneFeature, writeConfig(t, `{}`)}, `column "x2"`},
		{"pickle named csv", []string{"-train", pickle, writeConfig(t, `{}`)}, `read_pickle("` + pickle + `")`},
		{"no config", nil, "usage"},
		{"bad flag", []string{"-speed", "3", "c.json"}, "speed"},
		{"training file too small", []string{"-train", two, writeConfig(t, `{}`)}, "two.csv: 2 events: need at least 10"},
		{"test_fraction of a training file", []string{"-train", ten, writeConfig(t, `{"test_fraction": 0.95}`)},
			"test_fraction 0.95: leaves 0 training events out of n_events 10"},
		{"negative seed", []string{"-seed", "-1", "c.json"}, `invalid value "-1" for flag -seed: must be an integer in [0, 18446744073709551615]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(tt.args, &out, &errOut)
			if code != 2 {
				t.Errorf("exit status %d, want 2", code)
			}
			msg := errOut.String()
			if strings.Count(msg, "\n") != 1 {
				t.Errorf("stderr is not one line: %q", msg)
			}
			if !strings.Contains(msg, tt.want) {
				t.Errorf("stderr %q does not mention %q", msg, tt.want)
			}
		})
	}
}

func TestRunIgnoresExtraColumns(t *testing.T) {
	c := config.Default()
	c.NEvents = 200
	d := data.GenerateTraining(c, rand.New(rand.NewPCG(1, 2)))
	var b strings.Builder
	b.WriteString("id,x1,x3,x2,m,label\n")
	for i := range d.Len() {
		fmt.Fprintf(&b, "%d,%g,7,%g,%g,%d\n", i, d.X[2*i], d.X[2*i+1], d.M[i], d.Label[i])
	}
	path := filepath.Join(t.TempDir(), "train.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run([]string{"-json", "-train", path, writeConfig(t, `{"weighted_n_events": 1000, "n_epochs": 1}`)}, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit status %d, stderr %q", code, errOut.String())
	}
	var got summary
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.TrainEvents+got.ValEvents != 200 {
		t.Errorf("train + validation = %d events, want the file's 200", got.TrainEvents+got.ValEvents)
	}
}

func TestRunConfusionRowsAreTruth(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"-json", writeConfig(t, smallConfig)}, &out, &errOut); code != 0 {
		t.Fatalf("exit status %d, stderr %q", code, errOut.String())
	}
	var got summary
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	// 5000 analysis events at the signal fraction 0.01 hold 50 signal
	// events; the pass counts are the window's share of the signal column.
	wantRows := [2]float64{4950, 50}
	for i, row := range got.Confusion {
		if sum := row[0] + row[1] + row[2]; sum != wantRows[i] {
			t.Errorf("row %d sums to %g, want %g", i, sum, wantRows[i])
		}
	}
	if got.NPassSig > got.Confusion[1][1] || got.NPassBkgd > got.Confusion[0][1] {
		t.Errorf("pass counts %g, %g exceed the signal column %g, %g",
			got.NPassSig, got.NPassBkgd, got.Confusion[1][1], got.Confusion[0][1])
	}
}

// writeSample writes d as a CSV file with the runner's columns and returns
// its path.
func writeSample(t *testing.T, d *data.Dataset) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("x1,x2,m,label\n")
	for i := range d.Len() {
		fmt.Fprintf(&b, "%g,%g,%g,%d\n", d.X[2*i], d.X[2*i+1], d.M[i], d.Label[i])
	}
	path := filepath.Join(t.TempDir(), "sample.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunCountsTheLoadedAnalysisSample(t *testing.T) {
	// The config's weighted_n_events and sig_fraction disagree with the
	// file, 1000 events of which 100 are signal. The expected pass
	// significance and the Bayes limit must count the file's events.
	c := config.Default()
	c.WeightedNEvents, c.SigFraction = 1000, 0.1
	analysis := writeSample(t, data.GenerateAnalysis(c, rand.New(rand.NewPCG(5, 6))))
	cfg := writeConfig(t, `{"n_events": 200, "weighted_n_events": 5000, "sig_fraction": 0.01, "n_epochs": 1}`)
	var out, errOut bytes.Buffer
	if code := run([]string{"-json", "-analysis", analysis, cfg}, &out, &errOut); code != 0 {
		t.Fatalf("exit status %d, stderr %q", code, errOut.String())
	}
	var got summary
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.AnalysisEvts != 1000 || got.SigFraction != 0.1 {
		t.Errorf("analysis of %d events at signal fraction %g, want the file's 1000 and 0.1",
			got.AnalysisEvts, got.SigFraction)
	}
	if got.TrainEvents+got.ValEvents != 200 {
		t.Errorf("train + validation = %d events, want n_events 200 generated", got.TrainEvents+got.ValEvents)
	}
	bayes, err := eval.Bayes(c)
	if err != nil {
		t.Fatal(err)
	}
	if got.BayesZ != bayes.Z {
		t.Errorf("Bayes limit %g, want %g for the file's 1000 events at f = 0.1", got.BayesZ, bayes.Z)
	}
}

func TestRunDrawsWeightedDatasets(t *testing.T) {
	tests := []struct {
		name     string
		datasets int
	}{
		{"one sample", 1},
		{"four samples", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := writeConfig(t, fmt.Sprintf(`{"n_events": 1000, "weighted_n_events": 5000, "n_epochs": 3,
				"batch_size": 128, "learning_rate": 0.01,
				"n_weighted_datasets": %d}`, tt.datasets))
			var out, errOut bytes.Buffer
			if code := run([]string{"-json", cfg}, &out, &errOut); code != 0 {
				t.Fatalf("exit status %d, stderr %q", code, errOut.String())
			}
			var got summary
			if err := json.Unmarshal(out.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if got.AnalysisSamples != tt.datasets {
				t.Errorf("%d analysis samples, want %d", got.AnalysisSamples, tt.datasets)
			}
			if tt.datasets == 1 {
				if got.PassZMean != got.PassZ || got.PassZSD != 0 {
					t.Errorf("one sample: mean %g ± %g, want %g ± 0", got.PassZMean, got.PassZSD, got.PassZ)
				}
				return
			}
			// Independent samples scatter; the mean stays within a few
			// deviations of the first sample.
			if !(got.PassZSD > 0) || math.Abs(got.PassZMean-got.PassZ) > 4*got.PassZSD {
				t.Errorf("pass Z %g, mean %g ± %g over %d samples", got.PassZ, got.PassZMean, got.PassZSD, tt.datasets)
			}
		})
	}
}

func TestRunHelp(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"-h"}, &out, &errOut); code != 0 {
		t.Errorf("exit status %d, want 0", code)
	}
	for _, want := range []string{"usage: relegator", "-seed", "-analysis"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("help %q does not mention %q", errOut.String(), want)
		}
	}
}
