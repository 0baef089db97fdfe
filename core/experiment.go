package core

import (
	"fmt"
	"math/rand/v2"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/eval"
	"github.com/relegator/relegator/core/nn"
)

// Random streams drawn from one config seed. Each stage has its own
// stream, so that changing how much one stage draws never shifts another.
const (
	streamTraining = 1
	streamAnalysis = 2
	streamSplit    = 3
)

// Experiment is one run of the relegation classifier: its configuration,
// the training sample split into train and validation parts, the analysis
// sample, and the trainer. The browser and the native runner both drive
// an Experiment, so the same seed gives the same numbers in both.
type Experiment struct {
	Config   config.Config
	Train    *data.Dataset
	Val      *data.Dataset
	Analysis *data.Dataset
	Trainer  *nn.Trainer
}

// New validates c, generates the training and analysis samples from
// c.Seed, splits the training sample and builds a trainer whose weights
// are drawn from c.Seed.
func New(c config.Config) (*Experiment, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	training := data.GenerateTraining(c, rand.New(rand.NewPCG(c.Seed, streamTraining)))
	analysis := data.GenerateAnalysis(c, rand.New(rand.NewPCG(c.Seed, streamAnalysis)))
	return NewWithData(c, training, analysis)
}

// NewWithData is New with the given training and analysis samples in
// place of generated ones, for example samples loaded from CSV files. The
// training sample is split into train and validation parts with
// c.TestFraction. Either sample may be nil, and then it is generated.
func NewWithData(c config.Config, training, analysis *data.Dataset) (*Experiment, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if training == nil {
		training = data.GenerateTraining(c, rand.New(rand.NewPCG(c.Seed, streamTraining)))
	}
	if training.Len() < 10 {
		return nil, fmt.Errorf("core: training sample of %d events: need at least 10", training.Len())
	}
	if err := training.CheckShape(); err != nil {
		return nil, fmt.Errorf("core: training sample: %w", err)
	}
	if analysis == nil {
		analysis = data.GenerateAnalysis(c, rand.New(rand.NewPCG(c.Seed, streamAnalysis)))
	}
	if err := analysis.CheckShape(); err != nil {
		return nil, fmt.Errorf("core: analysis sample: %w", err)
	}
	if analysis.NFeatures != training.NFeatures {
		return nil, fmt.Errorf("core: analysis sample has %d features, training sample %d: they must match",
			analysis.NFeatures, training.NFeatures)
	}
	split := rand.New(rand.NewPCG(c.Seed, streamSplit^uint64(c.TTSplitRandomState)<<8))
	train, val := training.Split(c.TestFraction, split)
	e := &Experiment{Config: c, Train: train, Val: val, Analysis: analysis}
	if err := e.Reset(c.Seed); err != nil {
		return nil, err
	}
	return e, nil
}

// Reset replaces the trainer with one whose weights, batch order and
// dropout masks are drawn from seed, keeping the data.
func (e *Experiment) Reset(seed uint64) error {
	t, err := nn.NewTrainer(e.Config, e.Train, e.Val, seed)
	if err != nil {
		return err
	}
	e.Trainer = t
	return nil
}

// Run trains until the trainer stops: early stop, the epoch limit or
// divergence, which it returns as an error.
func (e *Experiment) Run() error {
	for !e.Trainer.Done() {
		if err := e.Trainer.RunEpoch(); err != nil {
			return err
		}
	}
	return nil
}

// Evaluate returns the evaluation of the current model on the analysis
// sample.
func (e *Experiment) Evaluate() (eval.Result, error) {
	return eval.Evaluate(e.Trainer.Model(), e.Analysis, e.Config)
}
