//go:build js && wasm

package main

import (
	"github.com/hexops/vecty"
	"github.com/hexops/vecty/elem"
	"github.com/hexops/vecty/event"
	"github.com/hexops/vecty/prop"
)

// MapFigure holds the decision-map canvases. The loop paints them; vecty
// renders the elements once and then leaves them alone.
type MapFigure struct {
	vecty.Core
}

// Render implements vecty.Component.
func (f *MapFigure) Render() vecty.ComponentOrHTML {
	return elem.Div(vecty.Markup(prop.ID("map"), vecty.Class("figure"),
		vecty.Attribute("role", "img"),
		vecty.Attribute("aria-label", "Decision map: background blue, signal orange, relegated grey, with the training events over it")),
		elem.Canvas(vecty.Markup(prop.ID("map-canvas"))),
		elem.Canvas(vecty.Markup(prop.ID("points-canvas"),
			vecty.Style("left", "0"), vecty.Style("top", "0"),
			vecty.Style("width", "100%"), vecty.Style("height", "100%"))),
	)
}

// SkipRender implements vecty.RenderSkipper: the canvases never change.
func (f *MapFigure) SkipRender(prev vecty.Component) bool { return true }

// Charts holds the history and mass-histogram canvases, painted by the
// loop like MapFigure, and the button that requests the mass fits.
type Charts struct {
	vecty.Core
	App  *App  `vecty:"prop"`
	Loop *loop `vecty:"prop"`
}

func (c *Charts) onFit(*vecty.Event) {
	c.Loop.handle("Fit", func() {
		if err := c.App.FitMass(); err != nil {
			c.App.setMessage(err.Error())
		}
	})
}

// Render implements vecty.Component.
func (c *Charts) Render() vecty.ComponentOrHTML {
	return elem.Div(
		elem.Heading2(vecty.Text("Training history")),
		elem.Canvas(vecty.Markup(prop.ID("history-canvas"), vecty.Class("chart"),
			vecty.Attribute("role", "img"),
			vecty.Attribute("aria-label", "Accuracy, loss and soft significance against epoch"))),
		lineLegend(
			legendEntry{"train, with dropout", dropoutColour},
			legendEntry{"train", trainColour},
			legendEntry{"validation", valColour}),
		elem.Heading2(vecty.Text("Mass of the analysis sample"),
			elem.Button(vecty.Markup(prop.ID("fit-mass"), prop.Type(prop.TypeButton), vecty.Class("inline"),
				vecty.Attribute("title", "Fit a Gaussian peak over an exponential background to both histograms, once training pauses; "+
					"each fit blocks the page for up to about 0.1 s"),
				event.Click(c.onFit)), vecty.Text("Fit background"))),
		elem.Canvas(vecty.Markup(prop.ID("mass-canvas"), vecty.Class("chart", "mass"),
			vecty.Attribute("role", "img"),
			vecty.Attribute("aria-label", "Mass histograms before and after the selection, "+
				"and under the second the counts minus the fitted background"))),
		lineLegend(
			legendEntry{"all events", massColours[0]},
			legendEntry{"signal", massColours[1]},
			legendEntry{"background", massColours[2]},
			legendEntry{"signal window", windowColour},
			legendEntry{"background fit", bkgdFitColour},
			legendEntry{"counts − fit, error √counts", residualColour}),
	)
}

// SkipRender implements vecty.RenderSkipper: the canvases never change.
func (c *Charts) SkipRender(prev vecty.Component) bool { return true }

// legendEntry is one line colour of a chart legend and its label.
type legendEntry struct {
	label  string
	colour RGBA
}

// lineLegend renders a chart legend in HTML, so that it never covers the
// curves.
func lineLegend(entries ...legendEntry) *vecty.HTML {
	items := make([]vecty.MarkupOrChild, 0, len(entries)+1)
	items = append(items, vecty.Markup(vecty.Class("legend", "lines")))
	for _, e := range entries {
		items = append(items, elem.Span(vecty.Markup(vecty.Style("--line", cssColour(e.colour))), vecty.Text(e.label)))
	}
	return elem.Div(items...)
}
