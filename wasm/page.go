//go:build js && wasm

package main

import (
	"github.com/hexops/vecty"
	"github.com/hexops/vecty/elem"
	"github.com/hexops/vecty/prop"
)

// Page is the body of the document.
type Page struct {
	vecty.Core
	App  *App
	Loop *loop
	// readouts, controls and buttons are kept across renders, so that the
	// loop can re-render one of them alone.
	readouts *Readouts
	controls *Controls
	buttons  *Buttons
}

// Render implements vecty.Component.
func (p *Page) Render() (out vecty.ComponentOrHTML) {
	defer p.Loop.renderGuard("page", &out)
	a := p.App
	if p.readouts == nil {
		p.readouts = &Readouts{App: a, Loop: p.Loop}
		p.buttons = &Buttons{App: a, Loop: p.Loop}
		p.controls = &Controls{App: a, Loop: p.Loop, Buttons: p.buttons}
	}
	return elem.Body(
		elem.Header(
			elem.Heading1(vecty.Text("relegator: the relegation classifier, live")),
			elem.Paragraph(vecty.Text("A neural network learns to tell signal (orange) from background (blue) "+
				"and may give up on events it cannot separate (relegated, grey), trading accuracy for the "+
				"significance of the signal it keeps. It trains here, in your browser.")),
		),
		elem.Div(vecty.Markup(vecty.Class("layout")),
			p.controls,
			elem.Section(vecty.Markup(vecty.Class("figures")),
				elem.Div(vecty.Markup(prop.ID("message"), vecty.Class("message"), vecty.Attribute("role", "alert")),
					vecty.Text(a.Message())),
				&MapFigure{},
				elem.Div(vecty.Markup(vecty.Class("legend")),
					elem.Span(vecty.Markup(vecty.Class("bg")), vecty.Text("background")),
					elem.Span(vecty.Markup(vecty.Class("sig")), vecty.Text("signal")),
					vecty.If(a.cfg.IsRelegator(),
						elem.Span(vecty.Markup(vecty.Class("rel")), vecty.Text("relegated"))),
					elem.Span(vecty.Text("selection rule: "+a.cfg.Selection)),
					vecty.If(!a.Running() && a.Epoch() == 0,
						elem.Span(vecty.Markup(prop.ID("start-hint")),
							vecty.Text("untrained network: press Play to train"))),
				),
				p.readouts,
				&Charts{App: a, Loop: p.Loop},
			),
		),
	)
}
