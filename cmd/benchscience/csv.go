package main

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"
)

// csvHeader names the columns of WriteCSV. Significances are expected pass
// significances; seed_* are the seed's published values, empty where it
// published none.
var csvHeader = []string{"recipe", "model", "noise", "angle", "signal_fraction", "fits", "failed",
	"pass_significance_mean", "pass_significance_sd", "pass_signal_mean", "pass_background_mean",
	"bayes_significance", "ratio_to_bayes", "sd_ratio_to_bayes",
	"seed_pass_significance_mean", "seed_pass_significance_sd",
	"train_seconds_mean", "epochs_mean"}

// WriteCSV writes rows as CSV with a header row.
func WriteCSV(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, r := range rows {
		seedMean, seedSD := "", ""
		if r.HasSeed {
			seedMean, seedSD = csvFloat(r.Seed.PassMean), csvFloat(r.Seed.PassSD)
		}
		rec := []string{
			r.Recipe, r.Model,
			csvFloat(r.Point.Noise), csvFloat(r.Point.Angle), csvFloat(r.Point.SigFraction),
			strconv.Itoa(r.Fits), strconv.Itoa(r.Failed),
			csvFloat(r.ZMean), csvFloat(r.ZSD), csvFloat(r.SMean), csvFloat(r.BMean),
			csvFloat(r.Bayes), csvFloat(r.Ratio()), csvFloat(r.SDRatio()),
			seedMean, seedSD,
			csvFloat(r.Seconds), csvFloat(r.Epochs),
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvFloat writes v in its shortest exact form, or empty when v is not a
// number.
func csvFloat(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
