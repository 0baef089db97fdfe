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
// between them. It is not safe for concurrent use.
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
	// left by the last measurement, so the next Step can skip its own.
	fresh bool
	// reuse lets measureTrain leave its forward pass to the next Step;
	// tests turn it off to check that both paths agree.
	reuse bool

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
// Once Done, Step does nothing and returns nil. After the first call it
// allocates nothing.
//
// NOTE: with cfg.BatchSize 0 a Step is a whole epoch and its measurement,
// about 65 ms for 15000 events under WebAssembly in Node 20, and a caller
// cannot split it into shorter slices.
func (t *Trainer) Step() error {
	if t.done {
		return nil
	}
	if t.step == 0 && t.steps > 1 {
		t.shuffle()
	}
	start := t.step * t.batchSize
	nb := min(t.batchSize, t.train.Len()-start)
	net := t.model.Net
	k := t.bt.k
	last := len(t.acts.a) - 1
	if !t.fresh {
		t.gather(t.perm[start : start+nb])
		applyHead(t.acts.a[last], t.probs, nb, k)
	}
	t.fresh = false
	t.bt.n = nb
	t.bt.logits = t.acts.a[last][:nb*k]
	t.bt.probs = t.probs[:nb*k]
	clear(t.grad)
	v := t.obj.evaluate(&t.bt, t.dOut[:nb*k])
	if !finite(v.Loss) {
		return t.diverge(t.epoch+1, v.Loss)
	}
	net.backward(t.acts, t.dOut, nb, t.gw, t.gb, t.work)
	t.opt.update(net.Params, t.grad)
	if !allFinite(net.Params) {
		return t.diverge(t.epoch+1, v.Loss)
	}
	t.lossSum += v.Loss * float64(nb)
	t.accSum += v.Accuracy * float64(nb)

	t.step++
	if t.step < t.steps {
		return nil
	}
	t.step = 0
	return t.endEpoch()
}

// gather copies the events idx of the training part into the batch
// buffers and runs the forward pass. Features pass through inverted
// dropout: each is zeroed with probability cfg.InputDropout, and the kept
// ones are divided by the keep probability, so their expected value is
// unchanged.
func (t *Trainer) gather(idx []int) {
	d := t.train
	nf := d.NFeatures
	x := t.acts.a[0]
	rate := t.cfg.InputDropout
	scale := 1 / (1 - rate)
	for j, i := range idx {
		dst := x[j*nf : (j+1)*nf : (j+1)*nf]
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
		t.bt.label[j] = d.Label[i]
		t.bt.mass[j] = d.M[i]
		if d.W != nil {
			t.bt.weight[j] = d.W[i]
		}
	}
	t.model.Net.forward(t.acts, len(idx))
}

// shuffle draws a new order of the training events (Fisher-Yates).
func (t *Trainer) shuffle() {
	p := t.perm
	for i := len(p) - 1; i > 0; i-- {
		j := t.rng.IntN(i + 1)
		p[i], p[j] = p[j], p[i]
	}
}

// endEpoch measures the epoch that just ended and decides whether to stop.
func (t *Trainer) endEpoch() error {
	n := float64(t.train.Len())
	tr := t.measureTrain()
	if !finite(tr.Loss) {
		return t.diverge(t.epoch+1, tr.Loss)
	}
	va := t.measure(&t.valEval)
	if !finite(va.Loss) {
		return t.diverge(t.epoch+1, va.Loss)
	}

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
	return nil
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

// measureTrain computes the loss of the model on the training part without
// dropout. When the whole part is one batch and there is no dropout, the
// next Step would run the same forward pass, so the measurement runs it in
// the batch buffers and leaves it there for that Step. Training runs the
// same arithmetic either way, so the results do not depend on the path.
func (t *Trainer) measureTrain() lossValue {
	if t.steps > 1 || t.cfg.InputDropout > 0 || !t.reuse {
		return t.measure(&t.trainEval)
	}
	n := t.train.Len()
	t.gather(t.perm[:n])
	k := t.bt.k
	last := len(t.acts.a) - 1
	applyHead(t.acts.a[last], t.probs, n, k)
	t.bt.n = n
	t.bt.logits = t.acts.a[last][:n*k]
	t.bt.probs = t.probs[:n*k]
	t.fresh = true
	return t.obj.evaluate(&t.bt, nil)
}

// measure computes the loss of the model on a whole dataset without
// dropout.
func (t *Trainer) measure(s *evalSet) lossValue {
	net := t.model.Net
	net.logits(s.d.X, s.b.n, t.evalActs, s.b.logits)
	applyHead(s.b.logits, s.b.probs, s.b.n, s.b.k)
	return t.obj.evaluate(&s.b, nil)
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
