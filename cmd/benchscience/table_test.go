package main

import (
	"bytes"
	"encoding/csv"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/relegator/relegator/core/config"
)

// sampleRows returns one complete row and one whose fits all failed.
func sampleRows() []Row {
	return []Row{
		{Recipe: "tuned", Model: config.Relegator, Point: Point{0.2, 1.4, 0.0178}, Fits: 5,
			ZMean: 31.5, ZSD: 0.25, SMean: 1100, BMean: 150, Seconds: 1.234, Epochs: 41.6, Bayes: 31.89,
			Seed: Published{PassMean: 30.22, PassSD: 0.75}, HasSeed: true},
		{Recipe: seedRecipeName, Model: config.Relegator, Point: Point{0.5, 1.4, 0.018}, Failed: 2,
			Error: "diverged", ZMean: math.NaN(), ZSD: math.NaN(), Seconds: 0, Epochs: 0, Bayes: 16.71},
	}
}

func TestWriteTable(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTable(&b, sampleRows()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want header, separator and 2 rows:\n%s", len(lines), b.String())
	}
	for i, line := range lines {
		if got := strings.Count(line, "|"); got != len(tableHeader)+1 {
			t.Errorf("line %d has %d bars, want %d: %s", i, got, len(tableHeader)+1, line)
		}
	}
	want := "| 0.2 | 0.0178 | relegator | tuned | 5 | 31.50 ± 0.25 | 98.8 % | 0.8 % | 30.22 ± 0.75 | 31.89 | 1.23 | 42 |"
	if lines[2] != want {
		t.Errorf("row 1:\n got %s\nwant %s", lines[2], want)
	}
	for _, cell := range []string{"0 (2 failed)", "– ± –", "| – |", "16.71"} {
		if !strings.Contains(lines[3], cell) {
			t.Errorf("row 2 lacks %q: %s", cell, lines[3])
		}
	}
}

func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, sampleRows()); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records, want header and 2 rows", len(recs))
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	checks := []struct {
		row        int
		column     string
		wantPrefix string
	}{
		{1, "recipe", "tuned"},
		{1, "signal_fraction", "0.0178"},
		{1, "pass_significance_mean", "31.5"},
		{1, "ratio_to_bayes", "0.9877"},
		{1, "seed_pass_significance_mean", "30.22"},
		{1, "epochs_mean", "41.6"},
		{2, "failed", "2"},
		{2, "pass_significance_mean", ""},
		{2, "seed_pass_significance_mean", ""},
	}
	for _, c := range checks {
		i, ok := col[c.column]
		if !ok {
			t.Errorf("no column %q", c.column)
			continue
		}
		got := recs[c.row][i]
		if !strings.HasPrefix(got, c.wantPrefix) || c.wantPrefix == "" && got != "" {
			t.Errorf("row %d %s = %q, want %q…", c.row, c.column, got, c.wantPrefix)
		}
	}
}

func TestWriteReportNamesRecipes(t *testing.T) {
	tuned := Recipe{Name: "tuned", Config: config.Tuned()}
	variant, err := parseVariant("small batch:batch_size=256", tuned.Config)
	if err != nil {
		t.Fatal(err)
	}
	o := options{seeds: 1, workers: 2, perClass: 5000, tuned: tuned, variants: []Recipe{variant},
		seedPoints: []Point{{0.2, 1.4, 0.01}}, seedRecipeSeeds: 2}
	var b bytes.Buffer
	if err := writeReport(&b, o, sampleRows(), 7, 3*time.Second); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, want := range []string{"7 fits in 3 s", "1 seed per point", `"small batch" is "tuned" with batch_size=256`,
		"config.SeedRecipe()", "0.2/0.01 with 2 seeds", "5000 independent events", "| noise | f |"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
}
