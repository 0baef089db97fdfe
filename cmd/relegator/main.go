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
	"math"
	"os"
	"strconv"
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
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
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

// parseFlags reads the command line. For -h it prints the usage and the
// flags on stderr and returns flag.ErrHelp.
func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	var seed seedFlag
	fs := flag.NewFlagSet("relegator", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Var(&seed, "seed", "seed `N` of every random draw; overrides the config's seed")
	fs.BoolVar(&o.json, "json", false, "print one JSON object instead of text")
	fs.StringVar(&o.trainPath, "train", "", "CSV file of the training sample (columns x1,x2,m,label)")
	fs.StringVar(&o.analysisPath, "analysis", "", "CSV file of the analysis sample (columns x1,x2,m,label)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, errUsage)
			fs.SetOutput(stderr)
			fs.PrintDefaults()
			return o, err
		}
		return o, fmt.Errorf("%v; %w", err, errUsage)
	}
	o.seed, o.seedSet = seed.value, seed.set
	if fs.NArg() != 1 {
		return o, errUsage
	}
	o.configPath = fs.Arg(0)
	return o, nil
}

// seedFlag is the value of -seed, with whether it was given.
type seedFlag struct {
	value uint64
	set   bool
}

// String returns the seed in decimal.
func (s *seedFlag) String() string {
	if s == nil {
		return "0"
	}
	return strconv.FormatUint(s.value, 10)
}

// Set parses a seed given on the command line.
func (s *seedFlag) Set(text string) error {
	v, err := strconv.ParseUint(text, 10, 64)
	if err != nil {
		return fmt.Errorf("must be an integer in [0, %d]", uint64(math.MaxUint64))
	}
	s.value, s.set = v, true
	return nil
}
