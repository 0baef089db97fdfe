// Command relegator runs one relegation-classifier experiment headlessly:
// it reads a config file in the seed's JSON format, generates the moons +
// mass samples (or loads them from CSV files), trains, evaluates on the
// analysis sample and prints a summary.
//
// Usage:
//
//	relegator [-seed N] [-json] [-train FILE.csv] [-analysis FILE.csv] CONFIG.json
//
// A bad flag, config or data file prints one line on standard error and
// exits with status 2; a training run that diverges exits with status 1.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errUsage marks errors in the command line itself.
var errUsage = errors.New("usage: relegator [-seed N] [-json] [-train FILE.csv] [-analysis FILE.csv] CONFIG.json")

// options are the parsed command-line flags.
type options struct {
	configPath   string
	seed         uint64
	seedSet      bool
	json         bool
	trainPath    string
	analysisPath string
}

// run is main with its streams passed in, so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	opts, err := parseFlags(args, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "relegator: %v\n", err)
		return 2
	}
	e, samples, err := setup(opts)
	if err != nil {
		fmt.Fprintf(stderr, "relegator: %v\n", oneLine(err))
		return 2
	}
	s, err := execute(e, samples)
	if err != nil {
		fmt.Fprintf(stderr, "relegator: %v\n", oneLine(err))
		return 1
	}
	if opts.json {
		err = writeJSON(stdout, s)
	} else {
		err = writeText(stdout, s)
	}
	if err != nil {
		fmt.Fprintf(stderr, "relegator: writing the summary failed: %v\n", err)
		return 1
	}
	return 0
}

// parseFlags reads the command line.
func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("relegator", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Uint64Var(&o.seed, "seed", 0, "seed of every random draw; overrides the config's seed")
	fs.BoolVar(&o.json, "json", false, "print one JSON object instead of text")
	fs.StringVar(&o.trainPath, "train", "", "CSV file of the training sample (columns x1,x2,m,label)")
	fs.StringVar(&o.analysisPath, "analysis", "", "CSV file of the analysis sample (columns x1,x2,m,label)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			fs.PrintDefaults()
		}
		return o, fmt.Errorf("%v; %w", err, errUsage)
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "seed" {
			o.seedSet = true
		}
	})
	if fs.NArg() != 1 {
		return o, errUsage
	}
	o.configPath = fs.Arg(0)
	return o, nil
}
