package main

import (
	"math/rand/v2"
	"slices"
	"time"

	"github.com/relegator/relegator/core"
	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/eval"
	"github.com/relegator/relegator/core/nn"
)

// mapCells is the number of decision-map cells along each axis.
const mapCells = eval.MapCells

// evalChunk is the number of events classified between two checks of the
// time budget.
const evalChunk = 256

// evaluator evaluates a snapshot of the model on the analysis sample and
// on the decision-map grid, a chunk at a time across frames, so that no
// frame spends more than its budget. The snapshot keeps the evaluation
// consistent while training goes on.
type evaluator struct {
	// Inputs, set when the data change.
	analysis *data.Dataset
	cfg      config.Config
	trainer  *nn.Trainer
	gridX    []float64
	grid     decisionMap

	// The evaluation in progress.
	due       bool
	active    bool
	lastStart stamp
	model     *nn.Model
	epoch     int
	class     []int
	next      int
	work      decisionMap
	gridNext  int

	// The latest finished evaluation.
	have        bool
	finished    bool
	count       uint64
	result      eval.Result
	resultEpoch int
	shown       decisionMap
	mass        massPanels
}

// decisionMap is the predicted class on a grid of NX × NY cells over
// [X0, X1] × [Y0, Y1], laid out as eval.Map: cell (i, j) has its centre at
// x = X0 + (i+0.5)·dx and y = Y1 - (j+0.5)·dy, so row j = 0 is the top of
// the figure, and Class and PSig are indexed j·NX + i. Unlike eval.Map it
// is filled a chunk of cells at a time across frames.
type decisionMap struct {
	NX, NY         int
	X0, X1, Y0, Y1 float64
	Class          []int
	PSig           []float64
	// Counts are the cells per predicted class: nn.ClassBackground,
	// nn.ClassSignal, nn.ClassRelegated.
	Counts [3]int
}

// setData points the evaluator at the samples of exp and lays out the map
// grid over the range of the training sample.
func (e *evaluator) setData(exp *core.Experiment, c config.Config) {
	e.abort()
	e.analysis = exp.Analysis
	e.cfg = c
	e.trainer = exp.Trainer
	x0, x1, y0, y1 := eval.Bounds(exp.Train, eval.MapPad)
	e.grid = decisionMap{NX: mapCells, NY: mapCells, X0: x0, X1: x1, Y0: y0, Y1: y1}
	n := mapCells * mapCells
	e.gridX = slices.Grow(e.gridX[:0], 2*n)[:2*n]
	dx := (e.grid.X1 - e.grid.X0) / mapCells
	dy := (e.grid.Y1 - e.grid.Y0) / mapCells
	for j := 0; j < mapCells; j++ {
		for i := 0; i < mapCells; i++ {
			k := j*mapCells + i
			e.gridX[2*k] = e.grid.X0 + (float64(i)+0.5)*dx
			e.gridX[2*k+1] = e.grid.Y1 - (float64(j)+0.5)*dy
		}
	}
	e.have = false
	e.mass.reset()
}

// request marks an evaluation of the current weights as due.
func (e *evaluator) request() { e.due = true }

// abort drops the evaluation in progress.
func (e *evaluator) abort() {
	e.active = false
	e.due = false
}

// pending reports whether an evaluation is due or in progress.
func (e *evaluator) pending() bool { return e.due || e.active }

// takeFinished reports whether an evaluation finished since the last call.
func (e *evaluator) takeFinished() bool {
	f := e.finished
	e.finished = false
	return f
}

// slice starts an evaluation when one is due (while training runs, at
// most one per evalInterval) and works on it for budget milliseconds.
func (e *evaluator) slice(start time.Time, budget float64, training bool) {
	if !e.active {
		if !e.due || e.trainer == nil || (training && e.lastStart.since(start) < evalInterval) {
			return
		}
		e.begin(start)
	}
	for e.active && msSince(start) < budget {
		e.work1()
	}
}

// setTrainer points the evaluator at a new trainer on the same data.
func (e *evaluator) setTrainer(t *nn.Trainer, c config.Config) {
	e.abort()
	e.trainer = t
	e.cfg = c
}

// begin snapshots the trainer's model and starts an evaluation.
func (e *evaluator) begin(now time.Time) {
	e.due = false
	e.active = true
	e.lastStart = stampOf(now)
	e.epoch = e.trainer.Epoch()
	e.snapshot(e.trainer.Model())
	n := e.analysis.Len()
	e.class = slices.Grow(e.class[:0], n)[:n]
	e.next = 0
	e.gridNext = 0
	cells := e.grid.NX * e.grid.NY
	class, pSig := e.work.Class, e.work.PSig
	e.work = e.grid
	e.work.Class = slices.Grow(class[:0], cells)[:cells]
	e.work.PSig = slices.Grow(pSig[:0], cells)[:cells]
}

// snapshot copies m into the evaluator's model, reusing it when the layer
// widths match.
func (e *evaluator) snapshot(m *nn.Model) {
	src := m.Net
	if e.model == nil || !slices.Equal(e.model.Net.Sizes, src.Sizes) || e.model.Net.Bias != src.Bias {
		// The random weights are overwritten at once; the generator only
		// satisfies NewNetwork.
		net, err := nn.NewNetwork(src.Sizes, src.Bias, rand.New(rand.NewPCG(1, 1)))
		if err != nil {
			panic("relegator: copying the model: " + err.Error())
		}
		e.model = nn.NewModel(m.Type, net)
	}
	copy(e.model.Net.Params, src.Params)
	e.model.Type = m.Type
	e.model.Threshold = m.Threshold
}

// work1 classifies one chunk of the analysis sample or of the map grid,
// and finishes the evaluation after the last one.
func (e *evaluator) work1() {
	rule := e.cfg.Selection
	d := e.analysis
	nf := d.NFeatures
	if e.next < d.Len() {
		b := min(evalChunk, d.Len()-e.next)
		e.model.Classify(d.X[e.next*nf:(e.next+b)*nf], b, rule, nil, e.class[e.next:e.next+b])
		e.next += b
		return
	}
	cells := len(e.work.Class)
	if e.gridNext < cells {
		b := min(evalChunk, cells-e.gridNext)
		lo, hi := e.gridNext, e.gridNext+b
		e.model.Classify(e.gridX[2*lo:2*hi], b, rule, e.work.PSig[lo:hi], e.work.Class[lo:hi])
		e.gridNext = hi
		return
	}
	e.finish()
}

// finish tallies the analysis sample, counts the map cells and makes the
// evaluation the shown one.
func (e *evaluator) finish() {
	d := e.analysis
	e.result = eval.Tally(e.class, d.Label, d.M, d.W, e.cfg)
	e.mass.fill(d, e.class, e.cfg)
	e.work.Counts = [3]int{}
	for _, c := range e.work.Class {
		e.work.Counts[c]++
	}
	e.shown, e.work = e.work, e.shown
	e.resultEpoch = e.epoch
	e.have = true
	e.active = false
	e.finished = true
	e.count++
}
