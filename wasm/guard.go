//go:build js && wasm

package main

import (
	"github.com/hexops/vecty"
	"github.com/hexops/vecty/elem"
)

// guard runs fn and turns a panic inside it into a message in the page,
// so that no Go panic leaves a callback: Go's wasm runtime would end the
// program on an uncaught one. where names the callback in the message.
func (l *loop) guard(where string, fn func()) {
	defer func() {
		if r := recover(); r != nil {
			l.app.Recover(where, r)
			l.wake()
		}
	}()
	fn()
}

// renderPanic records a panic caught inside a component's Render. Rendering
// must not change the App, so the loop applies it in its next frame.
func (l *loop) renderPanic(where string, r any) {
	l.panics = append(l.panics, caughtPanic{where, r})
	l.wake()
}

// caughtPanic is a panic caught where the App must not be changed.
type caughtPanic struct {
	where string
	value any
}

// handle runs the handler fn of a control under guard and requests a
// frame to show its effect.
func (l *loop) handle(where string, fn func()) {
	l.guard(where, fn)
	l.wake()
}

// renderGuard, deferred at the top of a Render, turns a panic into a short
// notice in place of the component and reports it to the loop.
func (l *loop) renderGuard(where string, out *vecty.ComponentOrHTML) {
	if r := recover(); r != nil {
		l.renderPanic("rendering "+where, r)
		*out = elem.Div(vecty.Markup(vecty.Class("message")),
			vecty.Text("This part of the page failed to render; press Reset."))
	}
}
