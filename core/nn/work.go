package nn

import (
	"fmt"
	"math"
)

// stepPhase is the part of a training step that runs next. Each phase but
// phaseIdle is a pass of a number of events through the network, followed
// by the work that needs all of its events.
type stepPhase int

const (
	// phaseIdle is between steps.
	phaseIdle stepPhase = iota
	// phaseForward runs the batch forward with input dropout, then
	// computes the batch loss and its derivatives with respect to the
	// logits.
	phaseForward
	// phaseBackward sums the gradient of the batch loss, then applies the
	// Adam update.
	phaseBackward
	// phaseMeasureTrain runs the training part forward without dropout
	// after the last batch of an epoch, then computes its loss.
	phaseMeasureTrain
	// phaseMeasureVal runs the validation part forward, then computes its
	// loss, records the epoch and applies the stopping rules.
	phaseMeasureVal
)

// SetChunk sets the number of events that one Work call takes through the
// network, forward or backward. 0, the default, makes every Work call a
// whole Step. It may be called at any time, also while a step is pending,
// and changes no result of training. It rejects a negative number of
// events with an error.
func (t *Trainer) SetChunk(events int) error {
	if events < 0 {
		return fmt.Errorf("chunk of %d events: must be ≥ 0 (0 for a whole step per Work call)", events)
	}
	t.chunk = events
	return nil
}

// Chunk returns the number of events per Work call that SetChunk set.
func (t *Trainer) Chunk() int { return t.chunk }

// Work runs the next piece of a training step, beginning a step when none
// is pending, and takes at most Chunk() events through the network.
// A step is the forward pass of its batch, the loss, the backward pass and
// the Adam update. The last step of an epoch also runs the training part
// without dropout and the validation part forward to measure the epoch.
// When the batch is the whole training part and dropout is off, the next
// step reuses that forward pass of the training part. The loss of a batch larger than the chunk
// runs in a call of its own, which takes no events through the network.
// A call that ends any other pass also runs what needs all of its events:
// the Adam update, or the loss of a measured part with the history entry
// and the stopping rules. For a regress model the call that ends training
// also scans 100 thresholds over the validation part.
//
// Calls differ in cost. For an MLP 2-40-40-20-3, natively and in Node, a
// backward event cost about 1.7 forward events. The loss of a batch cost
// about a tenth of its forward pass, so for 18750 events as much as one
// 2048-event forward piece (see BenchmarkWorkChunk).
//
// NOTE: the loss of a batch is not split, so the call that computes it
// grows with the batch and not with the chunk: about ten 2048-event
// forward pieces for a batch of 200000 events.
//
// Work never runs into the next step, and it returns when the step ends
// even if the chunk is not used up. Pending reports whether a step is
// under way, and Epoch, History and Done change only in the call that ends
// an epoch. Training from one seed gives the same weights and history,
// bit for bit, whatever the chunk and however Work and Step calls mix.
// Work returns the errors of Step, and nil once Done. After the first
// call it allocates nothing.
//
// The model's weights change only in the call that runs the Adam update,
// so a caller may use the model between calls but must not change it.
func (t *Trainer) Work() error {
	if t.chunk == 0 {
		return t.run(math.MaxInt)
	}
	return t.run(t.chunk)
}

// Pending reports whether a step has begun and not ended, so that the next
// Work or Step call continues it.
func (t *Trainer) Pending() bool { return t.phase != phaseIdle }

// run advances the step in progress, beginning one when none is, until the
// step ends or limit events have passed through the network in this call.
func (t *Trainer) run(limit int) error {
	t.workEvents = 0
	if t.done {
		return nil
	}
	if t.phase == phaseIdle {
		t.beginStep()
	}
	for t.phase != phaseIdle {
		end := t.passEvents()
		if t.cursor < end {
			if t.workEvents >= limit {
				return nil
			}
			hi := t.cursor + min(end-t.cursor, limit-t.workEvents)
			t.pass(t.cursor, hi)
			t.workEvents += hi - t.cursor
			t.cursor = hi
			if hi < end {
				return nil
			}
		}
		// The loss of a batch costs about a tenth of its forward pass
		// (measured for an MLP 2-40-40-20-3), which is as much as a
		// whole piece for a batch ten times the limit. So a batch
		// larger than the limit gets a call of its own for its loss.
		alone := t.phase == phaseForward && t.bt.n > limit
		if alone && t.workEvents > 0 {
			return nil
		}
		if err := t.endPass(); err != nil {
			return err
		}
		if alone {
			return nil
		}
	}
	return nil
}

// beginStep selects the next batch and points the batch views at it. A
// fresh forward pass, left by the last measurement, is used as it is.
func (t *Trainer) beginStep() {
	if t.step == 0 && t.steps > 1 {
		t.shuffle()
	}
	nb := min(t.batchSize, t.train.Len()-t.step*t.batchSize)
	k := t.bt.k
	t.bt.n = nb
	t.bt.logits = t.acts.a[len(t.acts.a)-1][:nb*k]
	t.bt.probs = t.probs[:nb*k]
	t.phase = phaseForward
	t.cursor = 0
	if t.fresh {
		t.cursor = nb
		t.fresh = false
	}
}

// passEvents returns the number of events of the current phase's pass.
func (t *Trainer) passEvents() int {
	switch t.phase {
	case phaseForward, phaseBackward:
		return t.bt.n
	case phaseMeasureTrain:
		return t.train.Len()
	case phaseMeasureVal:
		return t.val.Len()
	}
	return 0
}

// pass runs the events lo to hi-1 of the current phase's pass.
func (t *Trainer) pass(lo, hi int) {
	switch t.phase {
	case phaseForward:
		start := t.step * t.batchSize
		t.gather(t.perm[start+lo:start+hi], lo)
		t.headRange(lo, hi)
	case phaseBackward:
		t.model.Net.backwardRange(t.acts, t.dOut, lo, hi, t.gw, t.gb, t.work)
	case phaseMeasureTrain:
		if !t.inBatch {
			t.measureRange(&t.trainEval, lo, hi)
			return
		}
		// The whole part is the batch and nothing is shuffled, so perm
		// is the identity and the batch buffers get the events in order.
		t.gather(t.perm[lo:hi], lo)
		t.headRange(lo, hi)
	case phaseMeasureVal:
		t.measureRange(&t.valEval, lo, hi)
	}
}

// headRange turns the logits of the batch rows lo to hi-1 into
// probabilities.
func (t *Trainer) headRange(lo, hi int) {
	k := t.bt.k
	logits := t.acts.a[len(t.acts.a)-1]
	applyHead(logits[lo*k:hi*k], t.probs[lo*k:hi*k], hi-lo, k)
}

// measureRange writes the logits and probabilities of the events lo to
// hi-1 of s without dropout.
func (t *Trainer) measureRange(s *evalSet, lo, hi int) {
	in, k := s.d.NFeatures, s.b.k
	t.model.Net.logits(s.d.X[lo*in:hi*in], hi-lo, t.evalActs, s.b.logits[lo*k:hi*k])
	applyHead(s.b.logits[lo*k:hi*k], s.b.probs[lo*k:hi*k], hi-lo, k)
}

// endPass runs what follows the pass of the current phase and moves to the
// next phase.
func (t *Trainer) endPass() error {
	t.cursor = 0
	switch t.phase {
	case phaseForward:
		nb, k := t.bt.n, t.bt.k
		v := t.obj.evaluate(&t.bt, t.dOut[:nb*k])
		if !finite(v.Loss) {
			return t.diverge(t.epoch+1, v.Loss)
		}
		t.batchLoss = v
		clear(t.grad)
		t.phase = phaseBackward
	case phaseBackward:
		return t.update()
	case phaseMeasureTrain:
		b := &t.trainEval.b
		if t.inBatch {
			b = &t.bt
			t.fresh = true
		}
		v := t.obj.evaluate(b, nil)
		if !finite(v.Loss) {
			return t.diverge(t.epoch+1, v.Loss)
		}
		t.trainLoss = v
		t.phase = phaseMeasureVal
	case phaseMeasureVal:
		v := t.obj.evaluate(&t.valEval.b, nil)
		if !finite(v.Loss) {
			return t.diverge(t.epoch+1, v.Loss)
		}
		t.phase = phaseIdle
		t.recordEpoch(t.trainLoss, v)
	}
	return nil
}

// update applies the Adam update of the batch and ends the step, or moves
// on to measuring the epoch after its last batch. When the whole training
// part is one batch and there is no dropout, the measurement of the
// training part runs in the batch buffers and leaves its forward pass
// there for the next step. Training runs the same arithmetic either way.
func (t *Trainer) update() error {
	net := t.model.Net
	v := t.batchLoss
	t.opt.update(net.Params, t.grad)
	if !allFinite(net.Params) {
		return t.diverge(t.epoch+1, v.Loss)
	}
	nb := float64(t.bt.n)
	t.lossSum += v.Loss * nb
	t.accSum += v.Accuracy * nb

	t.step++
	if t.step < t.steps {
		t.phase = phaseIdle
		return nil
	}
	t.step = 0
	t.phase = phaseMeasureTrain
	// With one step per epoch the batch views already cover the whole
	// training part.
	t.inBatch = t.steps == 1 && t.cfg.InputDropout == 0 && t.reuse
	return nil
}
