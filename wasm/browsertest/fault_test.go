//go:build !js

package browsertest

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// stackMarkers are fragments of a Go panic trace that must never reach the
// page or its console.
var stackMarkers = []string{"goroutine ", ".go:", "panic(", "runtime."}

// pageTextJS returns the visible text of the page and of its message area.
const pageTextJS = `JSON.stringify({
	body: document.body.innerText,
	message: (document.getElementById("message") || {}).textContent || "",
})`

// pageText is the decoded value of pageTextJS.
type pageText struct {
	Body    string `json:"body"`
	Message string `json:"message"`
}

func (p *page) text() pageText {
	p.t.Helper()
	var got pageText
	if err := json.Unmarshal([]byte(evalJS[string](p, pageTextJS)), &got); err != nil {
		p.t.Fatalf("decoding the page text: %v", err)
	}
	return got
}

// messageShown polls the page's message area until it holds text or
// timeout passes, and reports whether it did. The page renders in the
// next animation frame, so the text lags state() a little.
func (p *page) messageShown(timeout time.Duration) bool {
	p.t.Helper()
	deadline := time.Now().Add(timeout)
	for p.text().Message == "" {
		if time.Now().After(deadline) {
			return false
		}
		p.sleep(50 * time.Millisecond)
	}
	return true
}

// checkNoStackTrace fails t when the page text or the console shows a
// fragment of a Go panic trace.
func checkNoStackTrace(t *testing.T, p *page) {
	t.Helper()
	body := p.text().Body
	console := p.consoleText()
	for _, m := range stackMarkers {
		if strings.Contains(body, m) {
			t.Errorf("the page shows %q of a Go stack trace:\n%s", m, body)
		}
		if strings.Contains(console, m) {
			t.Errorf("the console shows %q of a Go stack trace:\n%s", m, console)
		}
	}
}

// checkResetRecovers presses Reset and fails t unless the error clears and
// training advances again.
func checkResetRecovers(t *testing.T, p *page) {
	t.Helper()
	p.do(`document.getElementById("reset").click()`)
	p.waitFor("cleared error after Reset", 5*time.Second, func(s pageState) bool { return s.Error == "" })
	before := p.state().Epoch
	p.do(`window.relegator.play()`)
	p.waitFor("training after Reset", 10*time.Second, func(s pageState) bool { return s.Epoch > before })
	p.do(`window.relegator.pause()`)
}

func TestFaultsShowMessageAndReset(t *testing.T) {
	tests := []struct {
		kind string
		// throws reports whether the API call itself fails: a panic inside
		// the call does, a fault armed for a later frame does not.
		throws bool
		want   string
	}{
		{"panic", true, "injected panic"},
		{"frame_panic", false, "injected panic"},
		{"diverge", false, "learning rate"},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			p := newPage(t)
			p.do(`window.relegator.set({n_epochs: 100000})`)
			p.do(`window.relegator.play()`)
			p.waitFor("a first epoch", 10*time.Second, func(s pageState) bool { return s.Epoch > 0 })

			threw := evalJS[bool](p, `(() => {
				try { window.relegator.debugFault("`+tt.kind+`"); return false; }
				catch (e) { return e instanceof Error; }
			})()`)
			if threw != tt.throws {
				t.Errorf("debugFault(%q) threw an Error: %v, want %v", tt.kind, threw, tt.throws)
			}
			s := p.waitFor("an error in state()", 5*time.Second, func(s pageState) bool { return s.Error != "" })
			if !strings.Contains(strings.ToLower(s.Error), tt.want) {
				t.Errorf("state().error = %q, want it to mention %q", s.Error, tt.want)
			}
			if s.Running {
				t.Error("state().running = true after the failure, want training stopped")
			}
			if !p.messageShown(2 * time.Second) {
				t.Error("the page's message area is still empty 2 s after the failure")
			}
			checkNoStackTrace(t, p)
			checkResetRecovers(t, p)
			t.Logf("%s: %q, recovered by Reset", tt.kind, s.Error)
		})
	}
}
