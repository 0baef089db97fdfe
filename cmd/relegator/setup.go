package main

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/relegator/relegator/core"
	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
)

// setup reads the config file and the data files and builds the
// experiment. Data file paths in the config are relative to the config
// file's folder; -train and -analysis override them. It also returns the
// number of analysis samples to evaluate: n_weighted_datasets when the
// analysis sample is generated, 1 when it is read from a file.
func setup(o options) (*core.Experiment, int, error) {
	c, err := readConfig(o.configPath)
	if err != nil {
		return nil, 0, err
	}
	if o.seedSet {
		c.Seed = o.seed
	}
	dir := filepath.Dir(o.configPath)
	trainPath := o.trainPath
	if trainPath == "" && c.TrainDataFile != "" {
		trainPath = relativeTo(dir, c.TrainDataFile)
	}
	analysisPath := o.analysisPath
	if analysisPath == "" && c.WeightedDataFile != "" {
		analysisPath = relativeTo(dir, c.WeightedDataFile)
	}
	samples := 1
	if analysisPath == "" {
		samples = c.NWeightedDatasets
	}
	if trainPath == "" && analysisPath == "" {
		e, err := core.New(c)
		return e, samples, err
	}
	var training, analysis *data.Dataset
	if trainPath != "" {
		if training, err = readSample(trainPath); err != nil {
			return nil, 0, err
		}
		if n := training.Len(); n < 10 {
			return nil, 0, fmt.Errorf("%s: %d events: need at least 10 to split into training and validation parts", trainPath, n)
		}
		// The file's size takes the place of n_events, so that the rules
		// on the split and on the memory of a batch judge the events that
		// train.
		c.NEvents = training.Len()
	}
	if analysisPath != "" {
		if analysis, err = readSample(analysisPath); err != nil {
			return nil, 0, err
		}
		c = matchAnalysis(c, analysis)
	}
	e, err := core.NewWithData(c, training, analysis)
	return e, samples, err
}

// matchAnalysis returns c with weighted_n_events and sig_fraction set to
// the size and the signal fraction of a loaded analysis sample. The loss
// then scales its soft counts to that sample, and the expected pass
// significance and the Bayes limit count the same events as the pass
// significance. A sample without signal or without background leaves c
// as it is.
func matchAnalysis(c config.Config, d *data.Dataset) config.Config {
	n, nSig := d.Len(), 0
	for _, l := range d.Label {
		if l == data.Signal {
			nSig++
		}
	}
	if nSig == 0 || nSig == n {
		return c
	}
	f := float64(nSig) / float64(n)
	// The generator's count of background events, int(n (1 - f)), must
	// come out as the sample's despite rounding.
	for config.AnalysisBackground(n, f) < n-nSig {
		f = math.Nextafter(f, 0)
	}
	c.WeightedNEvents, c.SigFraction = n, f
	return c
}

// readConfig parses and validates the config file at path.
func readConfig(path string) (config.Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return config.Config{}, err
	}
	defer f.Close()
	c, err := config.Parse(f)
	if err != nil {
		return config.Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// sampleColumns are the columns the runner reads from a CSV sample: the
// two moons features by name, so that other columns are ignored, the mass,
// and labels 0 (background) and 1 (signal).
var sampleColumns = data.Columns{
	Features: []string{"x1", "x2"},
	Mass:     "m",
	Label:    "label",
	Classes:  2,
}

// readSample loads a CSV sample with the moons columns.
func readSample(path string) (*data.Dataset, error) {
	if err := config.CheckDataFile(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d, err := data.LoadCSV(f, sampleColumns)
	if errors.Is(err, config.ErrPickle) {
		return nil, config.PickleError(path)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

// relativeTo resolves a relative path against dir.
func relativeTo(dir, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(dir, path)
}

// oneLine joins the lines of a multi-line error, such as errors.Join
// makes, so that the command prints exactly one line.
func oneLine(err error) string {
	return strings.ReplaceAll(err.Error(), "\n", "; ")
}
