package main

import (
	"errors"
	"fmt"

	"github.com/relegator/relegator/core"
	"github.com/relegator/relegator/core/nn"
)

// Play starts training. When the trainer has stopped for good (early stop,
// epoch limit, divergence), Play starts again from new weights.
func (a *App) Play() {
	if a.exp == nil || a.failed || a.exp.Trainer.Done() {
		a.Reset()
		if a.exp == nil {
			return
		}
	}
	a.running = true
	a.targetEpoch = 0
	a.changedUI()
}

// Pause stops training after the current step.
func (a *App) Pause() {
	a.running = false
	a.targetEpoch = 0
	a.releaseWaiters()
	a.changedUI()
}

// TogglePlay calls Pause while training runs and Play otherwise.
func (a *App) TogglePlay() {
	if a.running {
		a.Pause()
		return
	}
	a.Play()
}

// StepEpochs trains n more epochs in the frames to come, then pauses and
// calls done (which may be nil). done is also called when training stops
// earlier, for a pause, a reset or an error.
func (a *App) StepEpochs(n int, done func()) error {
	if n < 1 {
		return fmt.Errorf("step %d: the number of epochs must be ≥ 1", n)
	}
	if a.exp == nil {
		return errors.New("no experiment to train: fix the configuration or press Reset")
	}
	if a.failed || a.exp.Trainer.Done() {
		if done != nil {
			done()
		}
		return nil
	}
	a.running = true
	a.targetEpoch = a.exp.Trainer.Epoch() + n
	if done != nil {
		a.stepWaiters = append(a.stepWaiters, done)
	}
	a.changedUI()
	return nil
}

// Reset replaces the weights with new ones drawn from the seed and the
// number of resets, keeping the data, and clears the error message. After
// a failure it rebuilds the whole experiment.
func (a *App) Reset() {
	a.releaseWaiters()
	a.message = ""
	a.failed = false
	if a.exp == nil {
		a.rebuild(true)
		a.changedUI()
		return
	}
	a.weightDraws++
	a.rebuild(false)
	a.changedUI()
}

// Regenerate draws new data by incrementing the seed, and new weights.
func (a *App) Regenerate() {
	c := a.Config()
	c.Seed++
	a.message = ""
	a.apply(c)
}

// rebuild makes a new experiment from the configuration (newData) or a
// new trainer on the current data, and requests an evaluation.
func (a *App) rebuild(newData bool) {
	// A pending step(n) ends here: it trained the old model.
	if a.targetEpoch > 0 {
		a.running = false
		a.targetEpoch = 0
	}
	a.releaseWaiters()
	a.callTimer.reset()
	a.chunk.reset()
	a.stepTimer.reset()
	a.epochEndTimer.reset()
	a.stepMS = 0
	if newData || a.exp == nil {
		exp, err := core.New(a.cfg)
		if err != nil {
			a.exp = nil
			a.running = false
			a.failed = true
			a.setMessage("Building the experiment failed: " + err.Error())
			return
		}
		a.exp = exp
		a.weightDraws = 0
		a.DataVersion++
		a.eval.setData(exp, a.cfg)
	} else {
		a.exp.Config = a.Config()
		if err := a.exp.Reset(a.weightSeed()); err != nil {
			a.exp = nil
			a.running = false
			a.failed = true
			a.setMessage("Building the trainer failed: " + err.Error())
			return
		}
		a.eval.setTrainer(a.exp.Trainer, a.cfg)
	}
	a.message = ""
	a.failed = false
	a.runs++
	a.eval.request()
}

// weightSeed returns the seed of the weights after weightDraws resets,
// mixed from the configured seed and the count by a splitmix64 step. Each
// Reset thus gives new weights, and a reload of the same URL gives the
// first ones again.
func (a *App) weightSeed() uint64 {
	s := a.cfg.Seed + a.weightDraws*0x9e3779b97f4a7c15
	s ^= s >> 30
	s *= 0xbf58476d1ce4e5b9
	s ^= s >> 27
	return s
}

// trainingError ends the run after trainer.Step returned err.
func (a *App) trainingError(err error) {
	a.running = false
	a.failed = true
	a.targetEpoch = 0
	var div *nn.DivergenceError
	if errors.As(err, &div) {
		a.setMessage(capitalize(err.Error()) + ". Press Reset to start again.")
	} else {
		a.setMessage("Training failed: " + err.Error() + ". Press Reset to start again.")
	}
	a.releaseWaiters()
}

// Recover turns a panic caught at the edge of a callback into a message in
// the page. The experiment is dropped, because the panic may have left it
// half updated; Reset builds a new one.
func (a *App) Recover(where string, r any) {
	a.running = false
	a.failed = true
	a.targetEpoch = 0
	a.exp = nil
	a.bench = nil
	a.eval.abort()
	a.setMessage(fmt.Sprintf("Internal error in %s: %v. Press Reset to start again.", where, r))
	a.releaseWaiters()
}

// setMessage shows msg in the page and logs it.
func (a *App) setMessage(msg string) {
	a.message = msg
	if a.logError != nil {
		a.logError(msg)
	}
	a.changedUI()
}

// releaseWaiters calls every step waiter and clears the list.
func (a *App) releaseWaiters() {
	w := a.stepWaiters
	a.stepWaiters = nil
	for _, f := range w {
		f()
	}
}

// capitalize returns s with its first ASCII letter in upper case.
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
