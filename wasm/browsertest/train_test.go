//go:build !js

package browsertest

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// minColourFraction is the smallest share of the decision map that each of
// the three classes must cover once the classifier has trained: 20 cells
// of a 100 × 100 map. The map canvas has one pixel per cell, so no
// smoothing between blue and orange cells can make grey pixels.
const minColourFraction = 0.002

// trainingGoals lists what a trained page does not show yet: grey
// relegated, blue background and orange signal regions on the map canvas,
// relegated cells in state().map_counts, and a pass significance above
// the raw one.
func trainingGoals(s pageState, c colourCounts) []string {
	var unmet []string
	if c.fraction(c.Grey) < minColourFraction {
		unmet = append(unmet, "too few grey (relegated) pixels on the map")
	}
	if c.fraction(c.Blue) < minColourFraction {
		unmet = append(unmet, "too few blue (background) pixels on the map")
	}
	if c.fraction(c.Orange) < minColourFraction {
		unmet = append(unmet, "too few orange (signal) pixels on the map")
	}
	if s.MapCounts.Relegated == 0 {
		unmet = append(unmet, "state().map_counts.relegated is 0")
	}
	if !(s.PassSignificance > s.RawSignificance) {
		unmet = append(unmet, "pass_significance is not above raw_significance")
	}
	return unmet
}

func TestPlayTrains(t *testing.T) {
	p := newPage(t)
	start := p.state()
	p.do(`window.relegator.play()`)

	deadline := time.Now().Add(20 * time.Second)
	var s pageState
	var c colourCounts
	for {
		s = p.state()
		c = p.countColours(mapCanvasID)
		unmet := trainingGoals(s, c)
		if len(unmet) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("20 s after play():\n  %s\nmap canvas: %s\nstate: %+v\nconsole:\n%s",
				strings.Join(unmet, "\n  "), c, s, p.consoleText())
		}
		p.sleep(250 * time.Millisecond)
	}
	t.Logf("trained: epoch %d, map %s, map_counts %+v", s.Epoch, c, s.MapCounts)
	t.Logf("significance: raw %.3f, pass %.3f, Bayes %.3f; relegated fraction %.3f",
		s.RawSignificance, s.PassSignificance, s.BayesSignificance, s.RelegatedFraction)
	if s.Epoch <= start.Epoch {
		t.Errorf("epoch %d after training, want more than %d at the start", s.Epoch, start.Epoch)
	}

	// The preset may run out of epochs within the wait; then the counter
	// is checked on a longer run after the screenshot.
	finished := s.Done
	if !finished {
		checkEpochsAdvance(t, p, s)
	}
	checkPauseStops(t, p)

	// Fit background fits the mass histograms now that training is
	// paused. The histogram of all events is always full enough to fit.
	// The one after selection may be too sparse, and then the chart shows
	// the reason instead of the residuals.
	p.do(`document.getElementById("fit-mass").click()`)
	fitted := p.waitFor("both mass fits run after Fit background", 10*time.Second,
		func(s pageState) bool { return s.MassFitsDue == 0 })
	if fitted.MassFits == 0 {
		t.Error("the fit of the mass histogram of all events failed")
	}
	t.Logf("%d of 2 mass fits succeeded", fitted.MassFits)
	saveScreenshot(t, p)

	if finished {
		t.Logf("training stopped by itself (%s); checking the counter on a run of n_epochs 100000", s.StopReason)
		p.do(`window.relegator.set({n_epochs: 100000})`)
		p.do(`window.relegator.play()`)
		p.sleep(500 * time.Millisecond)
		checkEpochsAdvance(t, p, p.state())
		checkPauseStops(t, p)
	}
	p.checkConsole()
}

// checkEpochsAdvance fails t unless the epoch counter moves past s.Epoch
// within a second of training.
func checkEpochsAdvance(t *testing.T, p *page, s pageState) {
	t.Helper()
	p.sleep(time.Second)
	if later := p.state(); later.Epoch <= s.Epoch {
		t.Errorf("epoch %d one second after epoch %d while running, want it to advance", later.Epoch, s.Epoch)
	}
}

// checkPauseStops pauses training and fails t if the epoch counter moves
// in the second after.
func checkPauseStops(t *testing.T, p *page) {
	t.Helper()
	p.do(`window.relegator.pause()`)
	paused := p.state()
	if paused.Running {
		t.Error("state().running = true after pause()")
	}
	p.sleep(time.Second)
	if later := p.state(); later.Epoch != paused.Epoch {
		t.Errorf("epoch went from %d to %d in the second after pause()", paused.Epoch, later.Epoch)
	}
}

// saveScreenshot writes a PNG of the whole page to RELEGATOR_SCREENSHOT,
// or into the test's temporary directory, and checks that it decodes.
func saveScreenshot(t *testing.T, p *page) {
	t.Helper()
	path := os.Getenv("RELEGATOR_SCREENSHOT")
	if path == "" {
		path = filepath.Join(t.TempDir(), "screenshot.png")
	}
	shot, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("taking the screenshot: %v", err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot is no PNG: %v", err)
	}
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatalf("writing the screenshot: %v", err)
	}
	t.Logf("screenshot %d×%d: %s", cfg.Width, cfg.Height, path)
}

func TestSetNoiseRegenerates(t *testing.T) {
	p := newPage(t)
	p.do(`window.relegator.pause()`)
	p.do(`window.relegator.step(3)`)
	before := p.waitFor("epoch ≥ 1 after step(3)", 5*time.Second, func(s pageState) bool { return s.Epoch >= 1 })
	if p.param(before, "noise") == 0.4 {
		t.Fatal("noise is 0.4 already, so setting it changes nothing")
	}
	pointsBefore := p.canvasHash("points-canvas")

	p.do(`window.relegator.set({noise: 0.4})`)
	after := p.state()
	if got := p.param(after, "noise"); got != 0.4 {
		t.Errorf("state().params.noise = %g after set({noise: 0.4}), want 0.4", got)
	}
	if after.Epoch != 0 {
		t.Errorf("epoch %d after new data, want 0", after.Epoch)
	}
	if got, want := p.param(after, "learning_rate"), p.param(before, "learning_rate"); got != want {
		t.Errorf("learning_rate changed from %g to %g by set({noise: 0.4})", want, got)
	}
	if got := evalJS[float64](p, `parseFloat(document.getElementById("noise").value)`); got != 0.4 {
		t.Errorf("the noise control shows %g after set({noise: 0.4}), want 0.4", got)
	}

	deadline := time.Now().Add(5 * time.Second)
	for p.canvasHash("points-canvas") == pointsBefore {
		if time.Now().After(deadline) {
			t.Fatal("the points canvas is unchanged 5 s after set({noise: 0.4}), want the new data drawn")
		}
		p.sleep(100 * time.Millisecond)
	}
	p.checkConsole()
}
