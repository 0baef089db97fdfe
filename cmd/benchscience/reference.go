package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/relegator/relegator/core/config"
)

// Published is one row of the seed's own results: the mean and standard
// deviation of the pass significance over its fits, with its training
// time and epochs per fit.
type Published struct {
	Model            string
	Point            Point
	Fits             int
	WeightedEvents   int
	RawSignificance  float64
	PassMean, PassSD float64
	Seconds, Epochs  float64
}

// seedModelName maps the model names of the seed's results to this
// product's model types: its threshold-optimised sigmoid is regress.
var seedModelName = map[string]string{
	"sigmoid_threshold": config.Regress,
	"relegator":         config.Relegator,
	"binary_softmax":    config.BinarySoftmax,
}

// refKey identifies a published row: model type and point.
type refKey struct {
	model string
	point Point
}

// Reference holds the seed's published results by model type and point.
type Reference map[refKey]Published

// Lookup returns the published result of a model type at p.
func (r Reference) Lookup(model string, p Point) (Published, bool) {
	v, ok := r[refKey{model, p}]
	return v, ok
}

// referenceColumns are the columns ReadReference needs.
var referenceColumns = []string{"model", "noise", "angle", "signal_fraction", "fits", "weighted_events",
	"raw_significance", "pass_significance_mean", "pass_significance_sd", "train_seconds_mean", "epochs_mean"}

// LoadReference reads the seed's results file at path.
func LoadReference(path string) (Reference, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("seed results: %w (set -ref to the folder of seed_results.csv)", err)
	}
	defer f.Close()
	r, err := ReadReference(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// ReadReference reads the seed's results as CSV with a header row naming
// at least referenceColumns, in any order. Rows of model names other than
// those of seedModelName are skipped.
func ReadReference(r io.Reader) (Reference, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("reading header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, name := range referenceColumns {
		if _, ok := col[name]; !ok {
			return nil, fmt.Errorf("column %q is missing from the header", name)
		}
	}
	ref := Reference{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return ref, nil
		}
		if err != nil {
			return nil, err
		}
		model, ok := seedModelName[rec[col["model"]]]
		if !ok {
			continue
		}
		var nums [10]float64
		for i, name := range referenceColumns[1:] {
			v, err := strconv.ParseFloat(rec[col[name]], 64)
			if err != nil {
				return nil, fmt.Errorf("line %d: %s %q is not a number", line, name, rec[col[name]])
			}
			nums[i] = v
		}
		p := Published{
			Model:           model,
			Point:           Point{Noise: nums[0], Angle: nums[1], SigFraction: nums[2]},
			Fits:            int(nums[3]),
			WeightedEvents:  int(nums[4]),
			RawSignificance: nums[5],
			PassMean:        nums[6],
			PassSD:          nums[7],
			Seconds:         nums[8],
			Epochs:          nums[9],
		}
		ref[refKey{model, p.Point}] = p
	}
}
