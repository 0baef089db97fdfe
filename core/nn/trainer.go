package nn

import (
	"math"
	"math/rand/v2"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
)

// Reasons StopReason returns once training is done, besides the message of
// a divergence.
const (
	StopMaxEpochs = "max epochs"
	StopEarly     = "early stop"
)

// EpochStats is the history of one epoch. Loss and Accuracy are measured
// with dropout on, during the epoch, as the mean over its batches weighted
// by their sizes. The others are measured after the epoch's last update
// without dropout. Significances are the soft significance Z that the
// loss uses (summed signal probabilities scaled to the analysis sample),
// computed over the whole part. Accuracy counts an event as right when its
// predicted class equals its truth class, so a relegated event counts as
// wrong.
type EpochStats struct {
	// Epoch counts from 1.
	Epoch                                       int
	Loss, Accuracy                              float64
	TrainLoss, TrainAccuracy, TrainSignificance float64
	ValLoss, ValAccuracy, ValSignificance       float64
}

// Trainer trains a model with Adam, one batch per Step, so a caller such
// as the browser's event loop can run it in slices and read the history
// between them. Work splits a step further, into pieces of a bounded
// number of events (see SetChunk). It is not safe for concurrent use.
type Trainer struct {
	cfg   config.Config
	train *data.Dataset
	val   *data.Dataset
	model *Model
	obj   objective
	opt   adam
	rng   *rand.Rand

	batchSize int
	steps     int
	// perm is the order of the training events in the current epoch.
	perm []int
	// step is the next batch of the current epoch.
	step    int
	epoch   int
	done    bool
	stop    string
	history []EpochStats
	// lossSum and accSum add batch loss and accuracy times batch size
	// over the current epoch.
	lossSum, accSum float64
	// fresh reports that the batch buffers hold the forward pass of the
	// whole training part with the current weights and without dropout,
	// left by the last measurement, so the next step can skip its own.
	fresh bool
	// reuse lets the measurement of the training part leave its forward
	// pass to the next step. Tests turn it off to check that both paths
	// agree.
	reuse bool

	// State of the step in progress, which Work advances piece by piece.
	// phase is the part of the step that runs next and cursor the next
	// event of its pass.
	phase  stepPhase
	cursor int
	// chunk is the number of events a Work call takes through the
	// network, or 0 for a whole step per call.
	chunk int
	// inBatch reports that the current measurement of the training part
	// runs in the batch buffers, to leave them fresh.
	inBatch bool
	// batchLoss is the loss of the current batch, added to lossSum once
	// its update is done.
	batchLoss lossValue
	// trainLoss is the epoch's measurement of the training part, kept
	// until the validation part is measured.
	trainLoss lossValue
	// workEvents counts the events that the last Work or Step call took
	// through the network, for tests and benchmarks.
	workEvents int

	// Buffers of one training batch.
	acts  *activations
	probs []float64
	dOut  []float64
	grad  []float64
	gw    [][]float64
	gb    [][]float64
	work  []float64
	bt    batch

	// slopeBuf holds the validation losses the cut-off fits a line to.
	slopeBuf []float64

	// Buffers for evaluating the whole training and validation parts.
	evalActs  *activations
	trainEval evalSet
	valEval   evalSet
}

// evalSet holds the outputs of a whole dataset.
type evalSet struct {
	d *data.Dataset
	b batch
}

// rngStream is the second word of the PCG state, fixed so that the seed
// alone selects the random stream.
const rngStream = 0x9e3779b97f4a7c15

// maxHistoryPrealloc bounds the history entries allocated up front. A run
// of more epochs allocates when its history outgrows them, so its steps
// are free of allocations only up to that epoch.
const maxHistoryPrealloc = 10000

// NewTrainer returns a trainer for a model of cfg.ModelType on the
// training part train, with early stopping and history measured on val.
// seed draws the initial weights, the batch order and the dropout masks.
// It returns an error naming the first invalid value of cfg or the
// samples; each sample needs at least one background and one signal event.
func NewTrainer(cfg config.Config, train, val *data.Dataset, seed uint64) (*Trainer, error) {
	if err := validate(&cfg, train, val); err != nil {
		return nil, err
	}
	cfg.HiddenNodes = append([]int(nil), cfg.HiddenNodes...)
	k := outputsOf(cfg.ModelType)
	sizes := make([]int, 0, len(cfg.HiddenNodes)+2)
	sizes = append(sizes, train.NFeatures)
	sizes = append(sizes, cfg.HiddenNodes...)
	sizes = append(sizes, k)

	rng := rand.New(rand.NewPCG(seed, rngStream))
	net, err := newNetwork(sizes, cfg.Bias, rng, initSchemeOf(cfg.Init))
	if err != nil {
		return nil, err
	}
	n := train.Len()
	bs := cfg.BatchSize
	if bs == 0 || bs > n {
		bs = n
	}
	t := &Trainer{
		cfg:       cfg,
		train:     train,
		val:       val,
		model:     NewModel(cfg.ModelType, net),
		obj:       newObjective(&cfg),
		opt:       newAdam(len(net.Params), cfg.LearningRate),
		rng:       rng,
		batchSize: bs,
		steps:     (n + bs - 1) / bs,
		perm:      make([]int, n),
		history:   make([]EpochStats, 0, min(cfg.NEpochs, maxHistoryPrealloc)),
		acts:      net.newActivations(bs),
		probs:     make([]float64, bs*k),
		dOut:      make([]float64, bs*k),
		grad:      make([]float64, len(net.Params)),
		reuse:     true,
		slopeBuf:  make([]float64, max(cfg.OTCutoffDepth, 0)),
		evalActs:  net.newActivations(predictBlock),
		trainEval: newEvalSet(train, k),
		valEval:   newEvalSet(val, k),
	}
	for i := range t.perm {
		t.perm[i] = i
	}
	t.gw, t.gb = splitParams(t.grad, sizes, cfg.Bias)
	t.work = make([]float64, net.backwardWork())
	t.bt = batch{
		k:     k,
		label: make([]int, bs),
		mass:  make([]float64, bs),
	}
	if train.W != nil {
		t.bt.weight = make([]float64, bs)
	}
	return t, nil
}

func newEvalSet(d *data.Dataset, k int) evalSet {
	n := d.Len()
	return evalSet{d: d, b: batch{
		n: n, k: k,
		logits: make([]float64, n*k),
		probs:  make([]float64, n*k),
		label:  d.Label,
		mass:   d.M,
		weight: d.W,
	}}
}

// Step runs one batch: forward pass with input dropout, loss, backward
// pass and one Adam update. After the last batch of an epoch it measures
// the epoch (see EpochStats) and applies the stopping rules: the
// overtraining cut-off when cfg.OTCutoff is set, then cfg.NEpochs. A loss
// or weight that is not finite ends training with a *DivergenceError.
// When Work has begun a step, Step finishes that step instead of starting
// another. Once Done, Step does nothing and returns nil. After the first
// call it allocates nothing.
//
// With cfg.BatchSize 0 a Step is a whole epoch and its measurement, about
// 65 ms for 15000 events under WebAssembly in Node 20; Work runs the same
// step in shorter pieces.
func (t *Trainer) Step() error {
	return t.run(math.MaxInt)
}

// gather copies the events idx of the training part into the batch
// buffers from row at on and runs their forward pass. Features pass
// through inverted dropout: each is zeroed with probability
// cfg.InputDropout, and the kept ones are divided by the keep probability,
// so their expected value is unchanged. The masks are drawn event after
// event, so gathering a batch in consecutive pieces draws the same ones.
func (t *Trainer) gather(idx []int, at int) {
	d := t.train
	nf := d.NFeatures
	x := t.acts.a[0]
	rate := t.cfg.InputDropout
	scale := 1 / (1 - rate)
	for j, i := range idx {
		r := at + j
		dst := x[r*nf : (r+1)*nf : (r+1)*nf]
		copy(dst, d.X[i*nf:(i+1)*nf])
		if rate > 0 {
			for f := range dst {
				if t.rng.Float64() < rate {
					dst[f] = 0
				} else {
					dst[f] *= scale
				}
			}
		}
		t.bt.label[r] = d.Label[i]
		t.bt.mass[r] = d.M[i]
		if d.W != nil {
			t.bt.weight[r] = d.W[i]
		}
	}
	t.model.Net.forwardRange(t.acts, at, at+len(idx))
}

// shuffle draws a new order of the training events (Fisher-Yates).
func (t *Trainer) shuffle() {
	p := t.perm
	for i := len(p) - 1; i > 0; i-- {
		j := t.rng.IntN(i + 1)
		p[i], p[j] = p[j], p[i]
	}
}

// recordEpoch ends the epoch whose training and validation parts were
// measured as tr and va: it appends the epoch to the history, sets the
// learning rate of the next one and applies the stopping rules.
func (t *Trainer) recordEpoch(tr, va lossValue) {
	n := float64(t.train.Len())
	t.epoch++
	t.opt.lr = scheduledRate(&t.cfg, t.epoch)
	t.history = append(t.history, EpochStats{
		Epoch:             t.epoch,
		Loss:              t.lossSum / n,
		Accuracy:          t.accSum / n,
		TrainLoss:         tr.Loss,
		TrainAccuracy:     tr.Accuracy,
		TrainSignificance: tr.Z,
		ValLoss:           va.Loss,
		ValAccuracy:       va.Accuracy,
		ValSignificance:   va.Z,
	})
	t.lossSum, t.accSum = 0, 0

	depth := t.cfg.OTCutoffDepth
	switch {
	case t.cfg.OTCutoff && t.epoch > depth && risingTrend(t.valLosses(depth)):
		t.finish(StopEarly)
	case t.epoch >= t.cfg.NEpochs:
		t.finish(StopMaxEpochs)
	}
}

// valLosses writes the validation losses of the last depth epochs into
// slopeBuf and returns them.
func (t *Trainer) valLosses(depth int) []float64 {
	h := t.history[len(t.history)-depth:]
	buf := t.slopeBuf[:depth]
	for i, s := range h {
		buf[i] = s.ValLoss
	}
	return buf
}

// finish ends training for reason, and for regress picks the threshold.
func (t *Trainer) finish(reason string) {
	t.done = true
	t.stop = reason
	if t.cfg.ModelType == config.Regress {
		t.model.Threshold = t.bestThreshold()
	}
}

func (t *Trainer) diverge(epoch int, loss float64) error {
	err := &DivergenceError{Epoch: epoch, Loss: loss, LearningRate: t.cfg.LearningRate}
	t.phase = phaseIdle
	t.done = true
	t.stop = err.Error()
	return err
}

// RunEpoch steps to the end of the current epoch, or until training is
// done.
func (t *Trainer) RunEpoch() error {
	e := t.epoch
	for !t.done && t.epoch == e {
		if err := t.Step(); err != nil {
			return err
		}
	}
	return nil
}

// Done reports whether training has stopped.
func (t *Trainer) Done() bool { return t.done }

// Epoch returns the number of completed epochs.
func (t *Trainer) Epoch() int { return t.epoch }

// StepsPerEpoch returns the number of batches, and so of Steps, per epoch.
func (t *Trainer) StepsPerEpoch() int { return t.steps }

// History returns the statistics of the completed epochs. The slice is
// the trainer's own and grows as training goes on; callers must not
// modify it.
func (t *Trainer) History() []EpochStats { return t.history }

// Model returns the model being trained. It changes with every Step, and
// callers must not change its weights while training goes on.
func (t *Trainer) Model() *Model { return t.model }

// StopReason returns why training stopped: "" while it runs, StopMaxEpochs,
// StopEarly, or the message of the DivergenceError.
func (t *Trainer) StopReason() string { return t.stop }

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// allFinite reports whether every element of x is finite.
func allFinite(x []float64) bool {
	for _, v := range x {
		if v-v != 0 {
			return false
		}
	}
	return true
}
