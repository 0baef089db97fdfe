package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// tableHeader is the Markdown header of WriteTable.
var tableHeader = []string{"noise", "f", "model", "recipe", "fits", "pass Z (mean ± sd)",
	"% of Bayes", "sd, % of Bayes", "seed's Z", "Bayes Z", "train s / fit", "epochs"}

// WriteTable writes rows as a Markdown table, one line per row.
func WriteTable(w io.Writer, rows []Row) error {
	var b strings.Builder
	writeCells(&b, tableHeader)
	sep := make([]string, len(tableHeader))
	for i := range sep {
		sep[i] = "---:"
	}
	sep[2], sep[3] = "---", "---"
	writeCells(&b, sep)
	for _, r := range rows {
		writeCells(&b, tableCells(r))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// tableCells returns the Markdown cells of one row.
func tableCells(r Row) []string {
	fits := strconv.Itoa(r.Fits)
	if r.Failed > 0 {
		fits += fmt.Sprintf(" (%d failed)", r.Failed)
	}
	seed := "–"
	if r.HasSeed {
		seed = fmt.Sprintf("%.2f ± %.2f", r.Seed.PassMean, r.Seed.PassSD)
	}
	return []string{
		formatShort(r.Point.Noise),
		formatShort(r.Point.SigFraction),
		r.Model,
		r.Recipe,
		fits,
		fmt.Sprintf("%s ± %s", fixed(r.ZMean, 2), fixed(r.ZSD, 2)),
		percent(r.Ratio()),
		percent(r.SDRatio()),
		seed,
		fixed(r.Bayes, 2),
		seconds(r.Seconds),
		fixed(r.Epochs, 0),
	}
}

func writeCells(b *strings.Builder, cells []string) {
	b.WriteString("| ")
	b.WriteString(strings.Join(cells, " | "))
	b.WriteString(" |\n")
}

// formatShort writes v with the fewest digits that read back as v.
func formatShort(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// fixed writes v with the given decimals, or "–" when v is not a number.
func fixed(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

// percent writes the fraction v as a percentage with one decimal.
func percent(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return strconv.FormatFloat(100*v, 'f', 1, 64) + " %"
}

// seconds writes a duration in seconds with two significant decimals
// below 10 s and none above.
func seconds(v float64) string {
	if v < 10 {
		return fixed(v, 2)
	}
	return fixed(v, 0)
}
