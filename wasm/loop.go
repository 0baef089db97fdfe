//go:build js && wasm

package main

import (
	"syscall/js"
	"time"

	"github.com/hexops/vecty"
)

// rerenderInterval is the shortest time between two re-renders of the
// components while training runs; the canvases follow every frame.
const rerenderInterval = 250 * time.Millisecond

// hiddenTickMS is the delay of the timer that drives training while the
// tab is hidden, when the browser fires no animation frames. Browsers
// stretch it to a second or more in background tabs.
const hiddenTickMS = 16

// loop drives the page. Each animation frame (or timer tick while the tab
// is hidden) runs a slice of training and evaluation, queues the vecty
// re-renders that the change needs and repaints the canvases that changed.
// While there is nothing to do it requests no frames, and wake starts it
// again.
type loop struct {
	app  *App
	page *Page
	draw *drawing

	// onFrame and onTimer live as long as the page, so they are never
	// released.
	onFrame      js.Func
	onTimer      js.Func
	framePending bool
	timerPending bool

	renderedVersion   uint64
	renderedUIVersion uint64
	lastRerender      stamp
	drawnVersion      uint64
	panics            []caughtPanic
	document          js.Value

	// tickMS holds the durations of the last ticks, in milliseconds, the
	// latest at index (ticks-1) % len(tickMS).
	tickMS [64]float64
	ticks  int
	// longTicks counts the ticks longer than longTaskMS.
	longTicks int
}

// longTaskMS is the duration above which browsers report a task as long.
const longTaskMS = 50

// maxTickMS returns the longest of the last 64 ticks, in milliseconds.
func (l *loop) maxTickMS() float64 {
	m := 0.0
	for _, v := range l.tickMS {
		m = max(m, v)
	}
	return m
}

func newLoop(app *App) *loop {
	l := &loop{app: app, draw: newDrawing(), document: js.Global().Get("document")}
	l.onFrame = js.FuncOf(func(js.Value, []js.Value) any {
		l.framePending = false
		l.tick()
		return nil
	})
	l.onTimer = js.FuncOf(func(js.Value, []js.Value) any {
		l.timerPending = false
		l.tick()
		return nil
	})
	wake := js.FuncOf(func(js.Value, []js.Value) any {
		l.drawnVersion = 0
		l.wake()
		return nil
	})
	l.document.Call("addEventListener", "visibilitychange", wake)
	js.Global().Call("addEventListener", "resize", wake)
	return l
}

// tick runs one frame.
func (l *loop) tick() {
	for _, p := range l.panics {
		l.app.Recover(p.where, p.value)
	}
	l.panics = l.panics[:0]
	start := time.Now()
	l.guard("training", l.app.Frame)
	l.guard("drawing", l.render)
	ms := msSince(start)
	l.tickMS[l.ticks%len(l.tickMS)] = ms
	l.ticks++
	if ms > longTaskMS {
		l.longTicks++
	}
	l.schedule()
}

// render re-renders the components, throttled while training runs, and
// repaints the canvases. A change of the numbers alone re-renders only the
// readouts.
func (l *loop) render() {
	if l.page == nil {
		return
	}
	now := time.Now()
	a := l.app
	switch {
	case a.UIVersion != l.renderedUIVersion:
		vecty.Rerender(l.page)
		if l.page.buttons != nil {
			// Controls may skip its render, and the buttons with it.
			vecty.Rerender(l.page.buttons)
		}
		// vecty renders in the next animation frame, together with the
		// next tick.
		a.ShortenNextFrame()
		l.rendered(now)
	case a.Version != l.renderedVersion && l.page.readouts != nil &&
		(!a.Running() || l.lastRerender.since(now) >= rerenderInterval):
		vecty.Rerender(l.page.readouts)
		l.rendered(now)
	}
	l.draw.draw(a)
	l.drawnVersion = a.Version
}

// rendered records that the components show the App as it is now.
func (l *loop) rendered(now time.Time) {
	l.renderedVersion, l.renderedUIVersion = l.app.Version, l.app.UIVersion
	l.lastRerender = stampOf(now)
}

// wake requests a frame, for example after a control changed the App.
func (l *loop) wake() { l.schedule() }

// schedule requests the next frame when there is work: training, an
// evaluation, a fit, a benchmark, or a change not yet shown.
func (l *loop) schedule() {
	idle := !l.app.Active() && len(l.panics) == 0 && l.drawnVersion == l.app.Version &&
		l.renderedVersion == l.app.Version && l.renderedUIVersion == l.app.UIVersion
	if idle {
		return
	}
	hidden := l.document.Get("hidden").Bool()
	l.app.SetHidden(hidden)
	if hidden {
		if !l.timerPending {
			l.timerPending = true
			js.Global().Call("setTimeout", l.onTimer, hiddenTickMS)
		}
		return
	}
	if !l.framePending {
		l.framePending = true
		js.Global().Call("requestAnimationFrame", l.onFrame)
	}
}
