//go:build !js

package browsertest

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// pageTimeout bounds one test's use of its browser.
const pageTimeout = 3 * time.Minute

// page is one headless Chromium with the relegator page loaded.
type page struct {
	t   *testing.T
	ctx context.Context

	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

// pageState is the decoded value of window.relegator.state().
type pageState struct {
	Epoch             int            `json:"epoch"`
	Running           bool           `json:"running"`
	Done              bool           `json:"done"`
	Loss              float64        `json:"loss"`
	Accuracy          float64        `json:"accuracy"`
	Significance      float64        `json:"significance"`
	RawSignificance   float64        `json:"raw_significance"`
	PassSignificance  float64        `json:"pass_significance"`
	BayesSignificance float64        `json:"bayes_significance"`
	RelegatedFraction float64        `json:"relegated_fraction"`
	Error             string         `json:"error"`
	StopReason        string         `json:"stop_reason"`
	MapCounts         mapCounts      `json:"map_counts"`
	MassFits          int            `json:"mass_fits"`
	MassFitsDue       int            `json:"mass_fits_due"`
	Params            map[string]any `json:"params"`

	// The page's own timing and memory readings, beyond the API contract,
	// logged to explain long tasks. They stay 0 when the page omits them.
	MaxTickMs float64 `json:"max_tick_ms"`
	LongTicks int     `json:"long_ticks"`
	Ticks     int     `json:"ticks"`
	GCCount   int     `json:"gc_count"`
	GCPauseMs float64 `json:"gc_pause_ms"`
	HeapBytes float64 `json:"heap_bytes"`
}

// mapCounts is the number of decision-map cells of each class.
type mapCounts struct {
	Background int `json:"background"`
	Signal     int `json:"signal"`
	Relegated  int `json:"relegated"`
}

// chromiumPath returns the Chromium executable: RELEGATOR_CHROMIUM, or
// /usr/bin/chromium.
func chromiumPath(t *testing.T) string {
	t.Helper()
	path := os.Getenv("RELEGATOR_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(path); err != nil {
		t.Fatalf("Chromium not found at %s (set RELEGATOR_CHROMIUM, or apt-get install chromium): %v", path, err)
	}
	return path
}

// newPage starts a headless Chromium with a fresh profile, opens the page
// and waits until window.relegator exists. Everything it starts ends when
// the test ends.
func newPage(t *testing.T) *page {
	t.Helper()
	if skipReason != "" {
		t.Skip(skipReason)
	}
	profile := tempProfile(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 1000),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelTab)
	ctx, cancelTimeout := context.WithTimeout(tabCtx, pageTimeout)
	t.Cleanup(cancelTimeout)

	p := &page{t: t, ctx: ctx}
	// Console starts the browser and subscribes before the navigation, so
	// no message of the page load is lost.
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			p.mu.Lock()
			p.console = append(p.console, m)
			p.mu.Unlock()
		}
	}()

	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL)); err != nil {
		t.Fatalf("opening %s: %v", baseURL, err)
	}
	ready := `typeof window.relegator === "object" && window.relegator !== null`
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](ready,
		chromedp.WithPollingInterval(100*time.Millisecond),
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		loading, _ := chromedp.Run(ctx, chromedp.Evaluate[string](
			`(document.getElementById("loading") || document.body).textContent`))
		t.Fatalf("window.relegator missing 30 s after load: %v\npage text: %q\nconsole:\n%s",
			err, strings.TrimSpace(loading), p.consoleText())
	}
	return p
}

// tempProfile makes an empty Chromium profile directory and removes it at
// the end of the test. Unlike t.TempDir, the removal retries, because
// Chromium's child processes can still write there for a moment after the
// browser exits.
func tempProfile(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "relegator-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 50 {
			if err = os.RemoveAll(dir); err == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("removing the Chromium profile %s: %v", dir, err)
	})
	return dir
}

// evalJS evaluates a JavaScript expression in the page and decodes its
// value into T. It fails the test when the expression throws.
func evalJS[T any](p *page, expr string, opts ...chromedp.EvaluateOption) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// do evaluates a JavaScript statement whose value does not matter.
func (p *page) do(expr string) {
	p.t.Helper()
	evalJS[chromedp.Void](p, expr)
}

// state returns window.relegator.state(). It goes through JSON.stringify,
// which turns NaN and infinities into null, so they decode as 0.
func (p *page) state() pageState {
	p.t.Helper()
	text := evalJS[string](p, `JSON.stringify(window.relegator.state())`)
	var s pageState
	if err := json.Unmarshal([]byte(text), &s); err != nil {
		p.t.Fatalf("decoding state() %s: %v", text, err)
	}
	return s
}

// waitFor polls state() until ok returns true and returns that state. It
// fails the test, naming what, after timeout.
func (p *page) waitFor(what string, timeout time.Duration, ok func(pageState) bool) pageState {
	p.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		s := p.state()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("no %s within %v: state %+v", what, timeout, s)
		}
		p.sleep(50 * time.Millisecond)
	}
}

// param returns the number params[name] of a state.
func (p *page) param(s pageState, name string) float64 {
	p.t.Helper()
	v, ok := s.Params[name].(float64)
	if !ok {
		p.t.Fatalf("state().params.%s = %#v, want a number", name, s.Params[name])
	}
	return v
}

// sleep waits for d or until the test's browser context ends.
func (p *page) sleep(d time.Duration) {
	p.t.Helper()
	select {
	case <-time.After(d):
	case <-p.ctx.Done():
		p.t.Fatalf("browser context ended while waiting: %v", p.ctx.Err())
	}
}

// consoleErrors returns the console errors and uncaught exceptions so far.
func (p *page) consoleErrors() []chromedp.ConsoleMessage {
	p.mu.Lock()
	defer p.mu.Unlock()
	var errs []chromedp.ConsoleMessage
	for _, m := range p.console {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			errs = append(errs, m)
		}
	}
	return errs
}

// consoleText returns every console message so far, one a line.
func (p *page) consoleText() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var b strings.Builder
	for _, m := range p.console {
		b.WriteString("  ")
		b.WriteString(m.String())
		if m.URL != "" {
			b.WriteString(" (" + m.URL + ")")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// checkConsole fails the test for each console error and uncaught
// exception so far.
func (p *page) checkConsole() {
	p.t.Helper()
	for _, m := range p.consoleErrors() {
		where := ""
		if m.URL != "" {
			where = " at " + m.URL
		}
		p.t.Errorf("console %s%s", m, where)
	}
}
