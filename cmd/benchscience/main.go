// Command benchscience measures how close the relegation classifier and
// its two baselines come to the Bayes limit. It runs the two sweeps of the
// seed's published results: the signal fraction from 0.001 to 0.1 at noise
// 0.2, and the noise from 0.1 to 1.0 at a signal fraction of 0.018.
//
// For each point, model type and seed it generates the samples, trains
// to the end, and measures the expected pass significance on large
// independent samples (eval.ExpectedPass). It prints a Markdown table of
// the mean and spread over seeds beside the Bayes limit (eval.Bayes) and
// the seed's published mean, and writes the same as CSV.
//
// Usage:
//
//	benchscience [-quick] [-seeds N] [-points noise/f,...] [-set key=value&...] [-csv FILE]
//
// Fits run in parallel, one per worker (-workers, all CPUs unless set).
package main

import (
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/eval"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the parsed command-line flags.
type options struct {
	refDir          string
	csvPath         string
	quick           bool
	seeds           int
	workers         int
	perClass        int
	models          []string
	points          []Point
	tuned           Recipe
	variants        []Recipe
	seedPoints      []Point
	seedRecipeSeeds int
}

// defaultSeedRecipePoints are the points at which the seed's recipe is
// fitted besides the tuned one. A seed-recipe fit trains on the whole
// training part per step for hundreds of epochs, so only these points
// fit in the time budget of the full grid.
const defaultSeedRecipePoints = "0.2/0.001,0.2/0.01,0.2/0.1,0.5/0.018,1/0.018"

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("benchscience", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.refDir, "ref", "../shared/reference", "folder of seed_results.csv, relative to the working directory")
	fs.StringVar(&o.csvPath, "csv", "benchscience.csv", "CSV file to write the table to; empty writes none")
	fs.BoolVar(&o.quick, "quick", false, "one seed at three points, without the seed's recipe")
	fs.IntVar(&o.seeds, "seeds", 5, "fits per point and model type, seeds 1 to N")
	fs.IntVar(&o.workers, "workers", runtime.NumCPU(), "fits run in parallel")
	fs.IntVar(&o.perClass, "per-class", eval.DefaultPerClass, "events per class drawn to measure the expected pass significance")
	models := fs.String("models", strings.Join([]string{config.Relegator, config.Regress, config.BinarySoftmax}, ","), "model types, comma-separated")
	points := fs.String("points", "", "noise/f points, comma-separated, in place of the sweeps (angle 1.4)")
	set := fs.String("set", "", "config keys applied to the tuned recipe, as a URL query: batch_size=512&learning_rate=0.01")
	label := fs.String("label", "tuned", "name of the tuned recipe in the table")
	var variants []string
	fs.Func("variant", "a further recipe, NAME:QUERY, the tuned recipe with the keys of QUERY applied, such as 'window counts:signif_counts=window'; repeat for more",
		func(s string) error { variants = append(variants, s); return nil })
	seedPoints := fs.String("seed-recipe-points", defaultSeedRecipePoints, "noise/f points at which the relegator is also fitted with the seed's recipe; none for no such fits")
	fs.IntVar(&o.seedRecipeSeeds, "seed-recipe-seeds", 2, "fits per point with the seed's recipe")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q: benchscience takes flags only", fs.Arg(0))
	}
	if o.seeds < 1 || o.workers < 1 || o.perClass < 1 || o.seedRecipeSeeds < 1 {
		return o, fmt.Errorf("-seeds %d, -workers %d, -per-class %d, -seed-recipe-seeds %d: each must be ≥ 1",
			o.seeds, o.workers, o.perClass, o.seedRecipeSeeds)
	}
	for _, m := range strings.Split(*models, ",") {
		if m = strings.TrimSpace(m); m != "" {
			o.models = append(o.models, m)
		}
	}

	var err error
	o.tuned = Recipe{Name: *label, Config: config.Tuned()}
	if *set != "" {
		v, err := url.ParseQuery(*set)
		if err != nil {
			return o, fmt.Errorf("-set %q: %w", *set, err)
		}
		if o.tuned.Config, err = config.DecodeURL(v, o.tuned.Config); err != nil {
			return o, fmt.Errorf("-set: %w", err)
		}
	}
	for _, text := range variants {
		r, err := parseVariant(text, o.tuned.Config)
		if err != nil {
			return o, err
		}
		o.variants = append(o.variants, r)
	}
	switch {
	case *points != "":
		o.points, err = ParsePoints(*points)
	case o.quick:
		o.points = QuickGrid()
	default:
		o.points = FullGrid()
	}
	if err != nil {
		return o, err
	}
	if o.quick {
		o.seeds = 1
	}
	if *seedPoints != "none" && !o.quick {
		if o.seedPoints, err = ParsePoints(*seedPoints); err != nil {
			return o, fmt.Errorf("-seed-recipe-points: %w", err)
		}
	}
	return o, nil
}

// run is main with its arguments and streams passed in.
func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if err != nil {
		if err != flag.ErrHelp {
			fmt.Fprintf(stderr, "benchscience: %v\n", err)
		}
		return 2
	}
	ref, err := LoadReference(o.refDir + "/seed_results.csv")
	if err != nil {
		fmt.Fprintf(stderr, "benchscience: %v\n", err)
		return 2
	}
	jobs := Jobs(o)
	bayes, err := BayesLimits(o.tuned.Config, jobs)
	if err != nil {
		fmt.Fprintf(stderr, "benchscience: %v\n", err)
		return 2
	}

	start := time.Now()
	finished := 0
	results := RunAll(jobs, o.workers, o.perClass, estimateCost, func(r FitResult) {
		finished++
		status := fmt.Sprintf("Z %.2f, %d epochs, %.1f s", r.Z, r.Epochs, r.Seconds)
		if r.Err != nil {
			status = "failed: " + r.Err.Error()
		}
		fmt.Fprintf(stderr, "[%d/%d %.0f s] %s %s %s seed %d: %s\n", finished, len(jobs),
			time.Since(start).Seconds(), r.Job.Recipe.Name, r.Job.Model, r.Job.Point, r.Job.Seed, status)
	})
	wall := time.Since(start)
	rows := Summarise(results, bayes, ref)

	if err := writeReport(stdout, o, rows, len(jobs), wall); err != nil {
		fmt.Fprintf(stderr, "benchscience: %v\n", err)
		return 1
	}
	if o.csvPath != "" {
		if err := writeCSVFile(o.csvPath, rows); err != nil {
			fmt.Fprintf(stderr, "benchscience: %v\n", err)
			return 1
		}
	}
	for _, r := range rows {
		if r.Failed > 0 {
			return 1
		}
	}
	return 0
}

func writeCSVFile(path string, rows []Row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := WriteCSV(f, rows); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Close()
}
