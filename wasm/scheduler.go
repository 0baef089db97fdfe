package main

import "time"

// Time budgets of one animation frame, in milliseconds. At 60 frames per
// second a frame lasts 16.7 ms. Training and evaluation together aim at
// about 12 ms of it, which leaves the rest for drawing and the browser.
// While training is paused, evaluation gets the training's share too.
const (
	trainBudgetMS    = 9
	evalBudgetMS     = 3
	idleEvalBudgetMS = 12
)

// hiddenBudgetMS is the training budget of a tick while the tab is hidden.
// Nothing is drawn then and browsers fire the timer that replaces the
// animation frames at most about once a second, so a tick may use most of
// the 50 ms after which a task counts as long.
const hiddenBudgetMS = 40

// evalInterval is the shortest time between the starts of two evaluations
// while training runs.
const evalInterval = 250 * time.Millisecond

// Frame runs one slice of work: pieces of trainer steps (or benchmark
// steps) until the training budget is spent, then a slice of the
// evaluation when one is due. The first piece of a frame always runs, so
// training makes progress even when one piece is longer than the budget.
func (a *App) Frame() {
	start := time.Now()
	steps := 0
	a.raiseFault()
	if a.bayes.due {
		// The Bayes limit takes the frame's training budget.
		a.updateBayes()
		a.StepsLastFrame = 0
		a.FrameMS = msSince(start)
		return
	}
	switch {
	case a.bench != nil:
		steps = a.bench.slice(start, a.trainBudget())
		if a.bench.finished() {
			a.finishBench()
		}
	case a.running && a.exp != nil:
		steps = a.trainSlice(start)
	}
	budget := float64(evalBudgetMS)
	if steps == 0 {
		budget = idleEvalBudgetMS
	}
	a.eval.slice(time.Now(), budget, a.running)
	if a.eval.takeFinished() {
		a.changed()
	}
	// Requested mass fits wait for a pause and for the evaluations still
	// due, because each evaluation refills the histograms and drops their
	// fits.
	if !a.running && a.bench == nil && !a.eval.pending() && a.eval.mass.fitOne() {
		a.fits++
		a.changed()
	}
	a.StepsLastFrame = steps
	a.FrameMS = msSince(start)
	a.shortFrame = false
}

// SetHidden records whether the page is hidden, which sets the training
// budget of a frame.
func (a *App) SetHidden(hidden bool) { a.hidden = hidden }

// ShortenNextFrame cuts the training budget of the next frame to a third,
// for example because vecty renders the page in that frame.
func (a *App) ShortenNextFrame() { a.shortFrame = true }

func (a *App) trainBudget() float64 {
	switch {
	case a.hidden:
		return hiddenBudgetMS
	case a.shortFrame:
		return trainBudgetMS / 3
	}
	return trainBudgetMS
}

// Active reports whether Frame has work to do.
func (a *App) Active() bool {
	m := &a.eval.mass
	return a.bench != nil || (a.running && a.exp != nil) || a.eval.pending() ||
		m.fitDue[0] || m.fitDue[1] || a.bayes.due
}

// trainSlice runs Trainer.Work calls within the budget and returns how
// many ran. Each call takes at most the chunk's events through the
// network, so a step of a large batch spreads over several frames and no
// frame runs much past its budget.
func (a *App) trainSlice(start time.Time) int {
	tr := a.exp.Trainer
	if n := a.chunk.size(); tr.Chunk() != n {
		if err := tr.SetChunk(n); err != nil {
			a.trainingError(err)
			return 0
		}
	}
	calls := 0
	for !tr.Done() && a.callTimer.fits(msSince(start), a.trainBudget(), calls) {
		epoch := tr.Epoch()
		t0 := time.Now()
		err := tr.Work()
		ms := msSince(t0)
		calls++
		if err != nil {
			a.trainingError(err)
			break
		}
		a.callTimer.record(1, ms)
		if a.chunk.adapt(ms, tr.Pending()) {
			// The new chunk takes effect from the next call.
			_ = tr.SetChunk(a.chunk.size())
		}
		a.stepMS += ms
		if tr.Pending() {
			continue
		}
		if a.stepEnded(tr.Epoch() != epoch) {
			break
		}
	}
	if tr.Done() && a.running {
		a.running = false
		a.releaseWaiters()
		a.changedUI()
	}
	return calls
}

// stepEnded records the duration of the step that just ended and, when it
// ended an epoch, requests an evaluation. It reports whether a step(n)
// request is met, which stops training.
func (a *App) stepEnded(endsEpoch bool) bool {
	if !endsEpoch {
		a.stepTimer.record(1, a.stepMS)
		a.stepMS = 0
		return false
	}
	a.epochEndTimer.record(1, a.stepMS)
	a.stepMS = 0
	a.eval.request()
	a.changed()
	if a.targetEpoch > 0 && a.exp.Trainer.Epoch() >= a.targetEpoch {
		a.running = false
		a.targetEpoch = 0
		a.releaseWaiters()
		a.changedUI()
		return true
	}
	return false
}

// msSince returns the milliseconds elapsed since t.
func msSince(t time.Time) float64 {
	return float64(time.Since(t)) / float64(time.Millisecond)
}
