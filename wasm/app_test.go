package main

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/relegator/relegator/core/config"
)

// smallConfig is the browser preset cut down so that tests train in
// milliseconds.
func smallConfig() config.Config {
	c := config.Browser()
	c.NEvents = 400
	c.WeightedNEvents = 2000
	c.SigFraction = 0.05
	c.HiddenNodes = []int{8, 8}
	c.BatchSize = 64
	return c
}

// newTestApp returns an App on smallConfig that records its URL writes.
func newTestApp(t *testing.T) (*App, *[]string) {
	t.Helper()
	var urls []string
	a := NewApp(smallConfig(), func(q string) { urls = append(urls, q) }, nil)
	if a.Experiment() == nil {
		t.Fatalf("NewApp: no experiment, message %q", a.Message())
	}
	return a, &urls
}

// runFrames calls Frame until cond holds or n frames have run, and reports
// whether cond held.
func runFrames(a *App, n int, cond func() bool) bool {
	for i := 0; i < n; i++ {
		if cond() {
			return true
		}
		a.Frame()
	}
	return cond()
}

func TestSetParamsRejectsInvalid(t *testing.T) {
	cases := []struct {
		key, text string
	}{
		{"learning_rate", "0"},
		{"learning_rate", "100"},
		{"hidden_nodes", ""},
		{"sig_fraction", "0"},
		{"noise", "abc"},
		{"no_such_key", "1"},
		{"train_data_file", "train.pkl"},
	}
	for _, tc := range cases {
		t.Run(tc.key+"="+tc.text, func(t *testing.T) {
			a, urls := newTestApp(t)
			before := config.EncodeURL(a.Config()).Encode()
			err := a.SetParams(map[string]string{tc.key: tc.text})
			if err == nil {
				t.Fatalf("SetParams(%s=%q) returned nil, want an error", tc.key, tc.text)
			}
			var fe *config.FieldError
			if !errors.As(err, &fe) {
				t.Errorf("error %v is not a *config.FieldError", err)
			}
			if got := config.EncodeURL(a.Config()).Encode(); got != before {
				t.Errorf("config changed to %s, want it kept", got)
			}
			if len(*urls) != 0 {
				t.Errorf("URL written %d times, want 0", len(*urls))
			}
		})
	}
}

func TestSetFieldShowsMessageBesideControl(t *testing.T) {
	a, _ := newTestApp(t)
	a.SetField("learning_rate", "0")
	if msg := a.FieldError("learning_rate"); !strings.Contains(msg, "learning_rate") {
		t.Errorf("FieldError = %q, want a message naming learning_rate", msg)
	}
	if text, ok := a.Draft("learning_rate"); !ok || text != "0" {
		t.Errorf("Draft = %q, %v; want the typed text kept", text, ok)
	}
	if got := a.Config().LearningRate; got != smallConfig().LearningRate {
		t.Errorf("learning rate %g, want the last valid %g", got, smallConfig().LearningRate)
	}

	a.SetField("learning_rate", "0.01")
	if msg := a.FieldError("learning_rate"); msg != "" {
		t.Errorf("FieldError after a valid value = %q, want empty", msg)
	}
	if _, ok := a.Draft("learning_rate"); ok {
		t.Error("draft kept after a valid value")
	}
	if got := a.Config().LearningRate; got != 0.01 {
		t.Errorf("learning rate %g, want 0.01", got)
	}
}

func TestKeyChangeRebuildsWhatItMust(t *testing.T) {
	cases := []struct {
		key, text          string
		newData, newWeight bool
	}{
		{"noise", "0.3", true, true},
		{"seed", "7", true, true},
		{"learning_rate", "0.0123", false, true},
		{"hidden_nodes", "5,5", false, true},
		{"selection", "p_sig", false, false},
	}
	for _, tc := range cases {
		t.Run(tc.key, func(t *testing.T) {
			a, urls := newTestApp(t)
			data, runs := a.DataVersion, a.RunCount()
			if err := a.SetParams(map[string]string{tc.key: tc.text}); err != nil {
				t.Fatal(err)
			}
			if got := a.DataVersion != data; got != tc.newData {
				t.Errorf("data regenerated = %v, want %v", got, tc.newData)
			}
			if got := a.RunCount() != runs; got != tc.newWeight {
				t.Errorf("weights reset = %v, want %v", got, tc.newWeight)
			}
			if len(*urls) != 1 {
				t.Errorf("URL written %d times, want once", len(*urls))
			}
			if !strings.Contains((*urls)[len(*urls)-1], tc.key+"=") {
				t.Errorf("URL %q lacks %s", (*urls)[len(*urls)-1], tc.key)
			}
		})
	}
}

func TestStepEpochsTrainsAndEvaluates(t *testing.T) {
	a, _ := newTestApp(t)
	done := false
	if err := a.StepEpochs(2, func() { done = true }); err != nil {
		t.Fatal(err)
	}
	if !runFrames(a, 1000, func() bool { return done }) {
		t.Fatalf("step(2) not done after 1000 frames, epoch %d", a.Epoch())
	}
	if a.Epoch() != 2 {
		t.Errorf("epoch %d, want 2", a.Epoch())
	}
	if a.Running() {
		t.Error("still running after the requested epochs")
	}
	if !runFrames(a, 1000, func() bool { return a.ResultEpoch() == 2 && a.DecisionMap() != nil }) {
		t.Fatalf("no evaluation of epoch 2, latest of epoch %d", a.ResultEpoch())
	}
	m := a.DecisionMap()
	if got := m.Counts[0] + m.Counts[1] + m.Counts[2]; got != m.NX*m.NY {
		t.Errorf("map counts sum to %d, want %d cells", got, m.NX*m.NY)
	}
	r, _ := a.Result()
	if !(r.RawZ > 0) {
		t.Errorf("raw significance %g, want > 0", r.RawZ)
	}
	if r.NEvents != float64(smallConfig().WeightedNEvents) {
		t.Errorf("evaluated %g events, want %d", r.NEvents, smallConfig().WeightedNEvents)
	}
}

func TestResetRecoversFromFailures(t *testing.T) {
	cases := []struct {
		name string
		fail func(a *App)
	}{
		{"panic", func(a *App) { a.Recover("test", "boom") }},
		{"divergence", func(a *App) {
			if err := a.InjectFault(faultDiverge); err != nil {
				t.Fatal(err)
			}
		}},
		{"frame panic", func(a *App) {
			if err := a.InjectFault(faultFramePanic); err != nil {
				t.Fatal(err)
			}
			defer func() {
				if r := recover(); r != nil {
					a.Recover("frame", r)
				}
			}()
			a.Frame()
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, _ := newTestApp(t)
			a.Play()
			tc.fail(a)
			if a.Status() != statusError {
				t.Errorf("status %q after the failure, want %q", a.Status(), statusError)
			}
			if a.Message() == "" {
				t.Error("no message after the failure")
			}
			if a.Running() {
				t.Error("still running after the failure")
			}
			a.Reset()
			if a.Status() != statusPaused || a.Message() != "" || a.Experiment() == nil {
				t.Errorf("after Reset: status %q, message %q, experiment %v; want paused, no message, an experiment",
					a.Status(), a.Message(), a.Experiment() != nil)
			}
		})
	}
}

func TestNewAppFromURLReportsBadKeys(t *testing.T) {
	var urls []string
	a := NewAppFromURL("noise=0.3&bogus=1&learning_rate=5", smallConfig(), func(q string) { urls = append(urls, q) }, nil)
	if got := a.Config().Noise; got != 0.3 {
		t.Errorf("noise %g, want 0.3 from the URL", got)
	}
	if got := a.Config().LearningRate; got != smallConfig().LearningRate {
		t.Errorf("learning rate %g, want the base value", got)
	}
	for _, key := range []string{"bogus", "learning_rate"} {
		if !strings.Contains(a.Message(), key) {
			t.Errorf("message %q does not name %s", a.Message(), key)
		}
	}
	if len(urls) != 1 || strings.Contains(urls[0], "bogus") {
		t.Errorf("URL writes %q, want one without the bad keys", urls)
	}
}

func TestRegenerateIncrementsSeed(t *testing.T) {
	a, _ := newTestApp(t)
	seed, data := a.Config().Seed, a.DataVersion
	a.Regenerate()
	if got := a.Config().Seed; got != seed+1 {
		t.Errorf("seed %d, want %d", got, seed+1)
	}
	if a.DataVersion == data {
		t.Error("data not regenerated")
	}
}

func TestBayesLimitFollowsConfig(t *testing.T) {
	a, _ := newTestApp(t)
	a.Frame()
	z1, known, reason := a.Bayes()
	if !known || !(z1 > 0) {
		t.Fatalf("Bayes() = %g, %v, %q after a frame; want a positive known value", z1, known, reason)
	}
	if err := a.SetParams(map[string]string{"noise": "0.4"}); err != nil {
		t.Fatal(err)
	}
	if _, known, _ := a.Bayes(); known {
		t.Error("Bayes limit known right after a noise change, want it pending until the next frame")
	}
	a.Frame()
	z2, known, _ := a.Bayes()
	if !known {
		t.Fatal("Bayes limit still pending after a frame")
	}
	if !(z2 < z1) {
		t.Errorf("Bayes limit %g at noise 0.4, want below %g at noise %g", z2, z1, smallConfig().Noise)
	}
}

func TestRebuildEndsPendingStep(t *testing.T) {
	a, _ := newTestApp(t)
	done := false
	if err := a.StepEpochs(50, func() { done = true }); err != nil {
		t.Fatal(err)
	}
	a.Frame()
	if err := a.SetParams(map[string]string{"learning_rate": "0.0123"}); err != nil {
		t.Fatal(err)
	}
	if !done {
		t.Error("step waiter not called when the model was rebuilt")
	}
	if a.Running() {
		t.Error("still running after the rebuild ended step(50)")
	}
}

func TestFitMassOnRequest(t *testing.T) {
	a, _ := newTestApp(t)
	if err := a.FitMass(); err == nil {
		t.Error("FitMass before any evaluation returned nil, want an error")
	}
	if !runFrames(a, 1000, func() bool { return a.DecisionMap() != nil }) {
		t.Fatal("no evaluation after 1000 frames")
	}
	fits := a.FitCount()
	runFrames(a, 10, func() bool { return false })
	if a.FitCount() != fits {
		t.Error("fits ran without a request")
	}
	if err := a.FitMass(); err != nil {
		t.Fatal(err)
	}
	if !runFrames(a, 10, func() bool { return a.FitCount() == fits+2 }) {
		t.Fatalf("%d fits ran after the request, want 2", a.FitCount()-fits)
	}
	m := a.MassPanels()
	if !m.fitted[0] {
		t.Error("the fit of the histogram of all events failed")
	}
}

func TestFitRequestedWhileRunning(t *testing.T) {
	c := smallConfig()
	// Enough epochs that training outlasts the test.
	c.NEpochs = 1000000
	a := NewApp(c, func(string) {}, nil)
	a.Play()
	if !runFrames(a, 1000, func() bool { return a.DecisionMap() != nil }) {
		t.Fatal("no evaluation after 1000 frames")
	}
	if err := a.FitMass(); err != nil {
		t.Fatal(err)
	}
	// Training goes on for another evaluation, which refills the
	// histograms, before the pause. Evaluations start at most every
	// evalInterval while training runs.
	evals := a.EvalCount()
	deadline := time.Now().Add(5 * time.Second)
	for a.EvalCount() == evals && time.Now().Before(deadline) {
		a.Frame()
	}
	if a.EvalCount() == evals {
		t.Fatal("no further evaluation within 5 s while running")
	}
	if !a.Running() {
		t.Fatal("training stopped before the pause, so the test shows nothing")
	}
	if a.FitCount() != 0 {
		t.Errorf("%d fits ran while training, want 0", a.FitCount())
	}
	a.Pause()
	if !runFrames(a, 1000, func() bool { return a.FitCount() == 2 }) {
		t.Fatalf("%d fits ran after the pause, want the 2 requested while running", a.FitCount())
	}
	if !a.MassPanels().fitted[0] {
		t.Error("the fit of the histogram of all events failed")
	}
}

func TestFitsWaitForDueEvaluation(t *testing.T) {
	a, _ := newTestApp(t)
	if !runFrames(a, 1000, func() bool { return a.DecisionMap() != nil }) {
		t.Fatal("no evaluation after 1000 frames")
	}
	if err := a.FitMass(); err != nil {
		t.Fatal(err)
	}
	// An evaluation in progress, and another requested meanwhile as the
	// end of an epoch requests one: both refill the histograms, so the
	// fits must wait for the second.
	a.eval.begin(time.Now())
	a.eval.request()
	evals := a.EvalCount()
	if !runFrames(a, 1000, func() bool { return a.FitCount() == 2 }) {
		t.Fatalf("%d fits ran, want 2", a.FitCount())
	}
	if a.EvalCount() == evals {
		t.Error("the fits ran before the due evaluation")
	}
	m := a.MassPanels()
	if !m.fitted[0] {
		t.Error("the fit of all events was dropped by the evaluation after it")
	}
}
