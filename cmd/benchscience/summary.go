package main

import (
	"math"

	"github.com/relegator/relegator/core/eval"
)

// Row summarises the fits of one recipe and model type at one point.
type Row struct {
	Recipe string
	Model  string
	Point  Point
	// Fits counts the fits that finished; Failed those that returned an
	// error, whose first message is Error.
	Fits, Failed int
	Error        string
	// ZMean and ZSD are the mean and sample standard deviation of the
	// expected pass significance; SMean and BMean the mean pass counts.
	ZMean, ZSD   float64
	SMean, BMean float64
	// Seconds and Epochs are the mean training time and epochs per fit.
	Seconds, Epochs float64
	// Bayes is the Bayes-optimal significance of the point.
	Bayes float64
	// Seed is the seed's published result, when HasSeed.
	Seed    Published
	HasSeed bool
}

// Ratio returns the mean pass significance as a fraction of the Bayes
// limit, or NaN without a limit.
func (r Row) Ratio() float64 { return safeRatio(r.ZMean, r.Bayes) }

// SDRatio returns the standard deviation of the pass significance as a
// fraction of the Bayes limit.
func (r Row) SDRatio() float64 { return safeRatio(r.ZSD, r.Bayes) }

func safeRatio(a, b float64) float64 {
	if !(b > 0) {
		return math.NaN()
	}
	return a / b
}

// rowKey groups fits into rows.
type rowKey struct {
	recipe, model string
	point         Point
}

// Summarise groups results by recipe, model type and point, in the order
// in which each group first occurs, and attaches the Bayes limits and the
// published results.
func Summarise(results []FitResult, bayes map[Point]eval.BayesResult, ref Reference) []Row {
	var keys []rowKey
	groups := map[rowKey][]FitResult{}
	for _, r := range results {
		k := rowKey{r.Job.Recipe.Name, r.Job.Model, r.Job.Point}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], r)
	}
	rows := make([]Row, 0, len(keys))
	for _, k := range keys {
		row := Row{Recipe: k.recipe, Model: k.model, Point: k.point, Bayes: math.NaN()}
		if b, ok := bayes[k.point]; ok {
			row.Bayes = b.Z
		}
		row.Seed, row.HasSeed = ref.Lookup(k.model, k.point)
		var z []float64
		for _, r := range groups[k] {
			if r.Err != nil {
				row.Failed++
				if row.Error == "" {
					row.Error = r.Err.Error()
				}
				continue
			}
			z = append(z, r.Z)
			row.SMean += r.S
			row.BMean += r.B
			row.Seconds += r.Seconds
			row.Epochs += float64(r.Epochs)
		}
		row.Fits = len(z)
		row.ZMean, row.ZSD = meanSD(z)
		if n := float64(row.Fits); n > 0 {
			row.SMean /= n
			row.BMean /= n
			row.Seconds /= n
			row.Epochs /= n
		}
		rows = append(rows, row)
	}
	return rows
}

// meanSD returns the mean and the sample standard deviation (n - 1 in
// the denominator) of x: NaN for an empty x, and a standard deviation of
// 0 for one value.
func meanSD(x []float64) (mean, sd float64) {
	if len(x) == 0 {
		return math.NaN(), math.NaN()
	}
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	if len(x) == 1 {
		return mean, 0
	}
	var ss float64
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(ss / float64(len(x)-1))
}
