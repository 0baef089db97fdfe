package main

import (
	"errors"

	"github.com/relegator/relegator/core"
	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/eval"
	"github.com/relegator/relegator/core/nn"
)

// Status words of the page, shown in #status and returned by the API.
const (
	statusRunning = "running"
	statusPaused  = "paused"
	statusDone    = "done"
	statusError   = "error"
)

// App is the whole state of the page: the last valid configuration, the
// experiment (data and trainer), the latest evaluation, and the UI flags.
// Controls, the URL and the JavaScript API change it only through its
// named methods; rendering reads it and never changes it. Every method
// that changes what the page shows increments Version.
type App struct {
	cfg config.Config
	exp *core.Experiment
	// weightDraws counts the Reset presses since the data were made; it
	// picks the seed of new weights.
	weightDraws uint64

	running bool
	// targetEpoch stops the run at that epoch when > 0 (Step and step(n)).
	targetEpoch int
	// stepWaiters are called when a requested number of epochs is done or
	// the run stops for another reason.
	stepWaiters []func()

	// message is the current error shown above the figures; "" when none.
	message string
	// failed reports that the run ended in an error (divergence, a caught
	// panic, a failed build); Reset clears it.
	failed bool
	// fieldErrors maps a config key to the message shown beside its
	// control. drafts maps it to the typed text that is not yet applied.
	fieldErrors map[string]string
	drafts      map[string]string

	eval  evaluator
	bayes bayesState
	bench *benchRun
	// callTimer estimates one Trainer.Work call, which the frame's budget
	// is fitted with, and chunk sets the events of a call.
	callTimer stepTimer
	chunk     chunker
	// stepTimer estimates an ordinary step and epochEndTimer the last step
	// of an epoch, which also measures the training and validation parts,
	// each summed over its Work calls. stepMS sums the calls of the step
	// under way.
	stepTimer     stepTimer
	epochEndTimer stepTimer
	stepMS        float64
	// runs counts the trainers built.
	runs uint64
	// fits counts the mass fits run.
	fits uint64
	// hidden reports that the page is hidden (see SetHidden), shortFrame
	// that the next frame has a short budget (see ShortenNextFrame).
	hidden     bool
	shortFrame bool
	// fault is a failure armed by InjectFault.
	fault string

	// writeURL stores the encoded configuration in the page URL.
	writeURL func(query string)
	// logError reports a caught error on the console.
	logError func(msg string)

	// Version counts the changes that the page shows, UIVersion those
	// beyond the readouts and canvases: configuration, controls, messages
	// and the run state. The loop re-renders the whole page only when
	// UIVersion changes.
	Version   uint64
	UIVersion uint64
	// ControlsVersion counts the changes of the configuration controls:
	// values, drafts shown and messages beside them.
	ControlsVersion uint64
	// DataVersion counts data changes, so the points layer is redrawn.
	DataVersion uint64
	// Frame statistics of the last frame, for readouts and tests.
	// StepsLastFrame counts trainer Work calls, pieces of steps, or
	// benchmark steps.
	StepsLastFrame int
	FrameMS        float64
}

// bayesState caches the Bayes-optimal significance of the configuration.
type bayesState struct {
	limit *eval.BayesLimit
	z     float64
	err   string
	// due reports that the configuration changed since z was computed.
	due bool
}

// NewApp returns an App that trains cfg. writeURL and logError may be nil.
// An invalid cfg or a failure to build the experiment leaves the App
// without an experiment and with the message set, so that the page still
// renders and Reset can recover after a valid configuration is set.
func NewApp(cfg config.Config, writeURL func(string), logError func(string)) *App {
	a := &App{
		fieldErrors: map[string]string{},
		drafts:      map[string]string{},
		writeURL:    writeURL,
		logError:    logError,
	}
	a.bayes.limit = eval.NewBayesLimit()
	// NOTE: 7 cells per noise width in place of 10 halve the grid. A noise
	// or angle change then costs about 5-20 ms in place of 15-40 ms
	// (measured natively, about twice that in WebAssembly), and the limit
	// of the browser preset moves by 0.03%.
	a.bayes.limit.CellsPerSigma = 7
	a.cfg = cfg
	a.rebuild(true)
	// The first Bayes limit costs about 200 ms in Chromium, against 10 ms
	// for a later change of noise or angle, so it belongs to the start-up
	// rather than to a frame.
	a.bayes.due = true
	a.updateBayes()
	// A second render after the first one sets the sliders' values again
	// once their min and max exist: vecty sets properties before
	// attributes, so the first value is clamped to the default 0 to 100.
	a.changedControls()
	return a
}

// Config returns a copy of the last valid configuration.
func (a *App) Config() config.Config {
	c := a.cfg
	c.HiddenNodes = append([]int(nil), c.HiddenNodes...)
	return c
}

// Running reports whether training runs.
func (a *App) Running() bool { return a.running }

// Done reports whether the trainer has stopped for good (early stop, the
// epoch limit or divergence).
func (a *App) Done() bool { return a.exp != nil && a.exp.Trainer.Done() }

// Message returns the current error message, "" when there is none.
func (a *App) Message() string { return a.message }

// FieldError returns the message of the control of key, "" when valid.
func (a *App) FieldError(key string) string { return a.fieldErrors[key] }

// Draft returns the text typed into the control of key and whether there
// is such text that differs from the configuration.
func (a *App) Draft(key string) (string, bool) {
	s, ok := a.drafts[key]
	return s, ok
}

// Status returns "running", "paused", "done" or "error".
func (a *App) Status() string {
	switch {
	case a.failed:
		return statusError
	case a.Done():
		return statusDone
	case a.running:
		return statusRunning
	}
	return statusPaused
}

// Trainer returns the current trainer, nil after a failure.
func (a *App) Trainer() *nn.Trainer {
	if a.exp == nil {
		return nil
	}
	return a.exp.Trainer
}

// Experiment returns the current experiment, nil after a failure.
func (a *App) Experiment() *core.Experiment { return a.exp }

// Epoch returns the number of completed epochs.
func (a *App) Epoch() int {
	if a.exp == nil {
		return 0
	}
	return a.exp.Trainer.Epoch()
}

// LastEpoch returns the history of the last completed epoch and false
// before the first epoch ends.
func (a *App) LastEpoch() (nn.EpochStats, bool) {
	if a.exp == nil {
		return nn.EpochStats{}, false
	}
	h := a.exp.Trainer.History()
	if len(h) == 0 {
		return nn.EpochStats{}, false
	}
	return h[len(h)-1], true
}

// StopReason returns why training stopped, "" while it can go on.
func (a *App) StopReason() string {
	if a.exp == nil {
		return ""
	}
	return a.exp.Trainer.StopReason()
}

// Result returns the latest evaluation on the analysis sample and whether
// there is one.
func (a *App) Result() (eval.Result, bool) { return a.eval.result, a.eval.have }

// ResultEpoch returns the epoch whose weights the latest evaluation used.
func (a *App) ResultEpoch() int { return a.eval.resultEpoch }

// DecisionMap returns the latest decision map, nil before the first.
func (a *App) DecisionMap() *decisionMap {
	if !a.eval.have {
		return nil
	}
	return &a.eval.shown
}

// Bayes returns the Bayes-optimal significance of the configuration and
// whether it is known. It is computed in the frame after a change, and not
// at all when the core rejects the configuration. In that case reason
// contains the core's error.
func (a *App) Bayes() (z float64, known bool, reason string) {
	return a.bayes.z, !a.bayes.due && a.bayes.err == "", a.bayes.err
}

// changed records that readouts or canvases have changed.
func (a *App) changed() { a.Version++ }

// changedUI records that the configuration, a control, the message or the
// run state has changed.
func (a *App) changedUI() {
	a.Version++
	a.UIVersion++
}

// changedControls records that the configuration controls have changed.
func (a *App) changedControls() {
	a.ControlsVersion++
	a.changedUI()
}

// updateBayes computes the Bayes-optimal significance of the
// configuration when it is due. Its grid is cached for the current noise
// and angle, whose change costs a few tens of milliseconds, so the frame
// loop runs it rather than the control that changed them.
func (a *App) updateBayes() {
	if !a.bayes.due {
		return
	}
	a.bayes.due = false
	a.changed()
	r, err := a.bayes.limit.Compute(a.cfg)
	if err != nil {
		a.bayes.z, a.bayes.err = 0, err.Error()
		return
	}
	a.bayes.z, a.bayes.err = r.Z, ""
}

// StepMS returns the estimated duration of one ordinary trainer step and
// of the last step of an epoch, in milliseconds; 0 before a measurement.
// Either may spread over several frames.
func (a *App) StepMS() (step, epochEnd float64) {
	return a.stepTimer.estimate, a.epochEndTimer.estimate
}

// CallMS returns the estimated duration of one Trainer.Work call, the
// longest piece of training that runs without a break, in milliseconds.
func (a *App) CallMS() float64 { return a.callTimer.estimate }

// EvalCount returns the number of finished evaluations. The page repaints
// the map when it changes.
func (a *App) EvalCount() uint64 { return a.eval.count }

// RunCount returns the number of trainers built. The page repaints the
// history when it changes.
func (a *App) RunCount() uint64 { return a.runs }

// MapBounds returns the rectangle of the decision map: the first feature
// x₁ in [x0, x1] and the second, x₂, in [y0, y1].
func (a *App) MapBounds() (x0, x1, y0, y1 float64) {
	g := &a.eval.grid
	return g.X0, g.X1, g.Y0, g.Y1
}

// FitMass requests the fits of both mass histograms, which run once
// training is paused. Each takes tens of milliseconds in WebAssembly.
func (a *App) FitMass() error {
	if !a.eval.mass.requestFits() {
		return errors.New("no mass histograms to fit yet: train or wait for the first evaluation")
	}
	a.changedUI()
	return nil
}

// MassPanels returns the mass histograms of the latest evaluation and
// their fits.
func (a *App) MassPanels() *massPanels { return &a.eval.mass }

// FitCount returns the number of mass fits run. The page repaints the
// histograms when it changes.
func (a *App) FitCount() uint64 { return a.fits }
