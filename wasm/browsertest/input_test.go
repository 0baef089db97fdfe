//go:build !js

package browsertest

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// namesLearningRate matches an error message that names the learning rate.
var namesLearningRate = regexp.MustCompile(`(?i)learning[_ ]rate`)

func TestSetRejectsZeroLearningRate(t *testing.T) {
	p := newPage(t)
	before := p.param(p.state(), "learning_rate")

	text := evalJS[string](p, `(() => {
		try {
			window.relegator.set({learning_rate: 0});
			return JSON.stringify({threw: false});
		} catch (e) {
			return JSON.stringify({threw: true, isError: e instanceof Error, message: String(e && e.message)});
		}
	})()`)
	var result struct {
		Threw   bool   `json:"threw"`
		IsError bool   `json:"isError"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal([]byte(text), &result); err != nil {
		t.Fatalf("decoding %s: %v", text, err)
	}
	if !result.Threw {
		t.Fatal("set({learning_rate: 0}) returned, want it to throw")
	}
	if !result.IsError {
		t.Errorf("set({learning_rate: 0}) threw a non-Error: %q", result.Message)
	}
	if !namesLearningRate.MatchString(result.Message) {
		t.Errorf("error message %q does not name learning_rate", result.Message)
	}
	t.Logf("set({learning_rate: 0}) threw: %s", result.Message)
	if got := p.param(p.state(), "learning_rate"); got != before {
		t.Errorf("state().params.learning_rate = %g after the rejected set, want %g kept", got, before)
	}
}

// controlMessageJS returns, for the control with the id given as the first
// argument, the text of its X-error element, whether that element is
// visible, and the distance in CSS pixels between the two boxes.
const controlMessageJS = `(function (id) {
	const input = document.getElementById(id);
	const message = document.getElementById(id + "-error");
	if (!input || !message) {
		throw new Error("missing #" + id + " or #" + id + "-error");
	}
	const a = input.getBoundingClientRect(), b = message.getBoundingClientRect();
	const dx = Math.max(0, b.left - a.right, a.left - b.right);
	const dy = Math.max(0, b.top - a.bottom, a.top - b.bottom);
	return JSON.stringify({
		text: message.textContent.trim(),
		visible: b.width > 0 && b.height > 0 && getComputedStyle(message).visibility !== "hidden",
		distance: Math.hypot(dx, dy),
	});
})`

// controlMessage is the decoded value of controlMessageJS.
type controlMessage struct {
	Text     string  `json:"text"`
	Visible  bool    `json:"visible"`
	Distance float64 `json:"distance"`
}

// typeInto replaces the value of the input with the given id by typing
// text, then presses Tab, so the input fires "change".
func (p *page) typeInto(id, text string) {
	p.t.Helper()
	err := chromedp.Do(p.ctx,
		chromedp.Focus(chromedp.ID(id)),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.KeyEvent(text),
		chromedp.KeyEvent(kb.Tab),
	)
	if err != nil {
		p.t.Fatalf("typing %q into #%s: %v", text, id, err)
	}
}

// waitMessage polls the message of the control with the given id until
// ok returns true, and fails the test, naming what, after 5 s.
func (p *page) waitMessage(id, what string, ok func(controlMessage) bool) controlMessage {
	p.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		text := evalJS[string](p, controlMessageJS+"("+jsString(id)+")")
		var m controlMessage
		if err := json.Unmarshal([]byte(text), &m); err != nil {
			p.t.Fatalf("decoding %s: %v", text, err)
		}
		if ok(m) {
			return m
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("no %s for #%s within 5 s: %+v", what, id, m)
		}
		p.sleep(50 * time.Millisecond)
	}
}

func TestLearningRateControlRejectsZero(t *testing.T) {
	const id = "learning-rate"
	// maxMessageDistance is how far, in CSS pixels, the message may sit
	// from its control and still read as beside it.
	const maxMessageDistance = 120
	p := newPage(t)
	before := p.param(p.state(), "learning_rate")

	p.typeInto(id, "0")
	m := p.waitMessage(id, "error message", func(m controlMessage) bool { return m.Text != "" })
	t.Logf("message beside #%s: %q", id, m.Text)
	if !m.Visible {
		t.Errorf("#%s-error has text %q but is not visible", id, m.Text)
	}
	if m.Distance > maxMessageDistance {
		t.Errorf("#%s-error is %.0f px from the control, want at most %d", id, m.Distance, maxMessageDistance)
	}
	if !strings.Contains(m.Text, "0") && !namesLearningRate.MatchString(m.Text) {
		t.Errorf("message %q names neither the value 0 nor the learning rate", m.Text)
	}
	if got := p.param(p.state(), "learning_rate"); got != before {
		t.Errorf("state().params.learning_rate = %g after typing 0, want %g kept", got, before)
	}

	// A valid value applies and clears the message.
	p.typeInto(id, "0.01")
	p.waitMessage(id, "cleared message", func(m controlMessage) bool { return m.Text == "" })
	if got := p.param(p.state(), "learning_rate"); got != 0.01 {
		t.Errorf("state().params.learning_rate = %g after typing 0.01, want 0.01", got)
	}
}
