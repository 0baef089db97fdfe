package main

import "math"

// pen is the part of the canvas 2D context that the charts draw axes,
// ticks, text, curves and histograms with. In the page it is a
// *dom.CanvasRenderingContext2D of honnef.co/go/js/dom/v2, whose methods
// have these signatures; native tests pass a recorder instead.
type pen interface {
	SetFillStyle(v string)
	SetStrokeStyle(v string)
	SetLineWidth(v int)
	SetFont(v string)
	SetTextAlign(v string)
	SetTextBaseline(v string)
	ClearRect(x, y, width, height float64)
	FillRect(x, y, width, height float64)
	BeginPath()
	MoveTo(x, y float64)
	LineTo(x, y float64)
	Stroke()
	// FillText draws text at (x, y), scaled to fit maxWidth unless
	// maxWidth is -1.
	FillText(text string, x, y, maxWidth float64)
	Save()
	Restore()
	Translate(x, y float64)
	Rotate(angle float64)
}

// noMaxWidth is the maxWidth of FillText that leaves text unscaled.
const noMaxWidth = -1

// lineWidth returns the width in canvas pixels of a line css CSS pixels
// wide at the device pixel ratio scale, at least one pixel.
func lineWidth(css, scale float64) int {
	return max(1, int(math.Round(css*scale)))
}

// crisp moves the coordinate v of a horizontal or vertical line of the
// given width onto the pixel grid, so that the line covers whole pixels.
// A line of odd width is centred on a pixel's middle, one of even width
// on a pixel edge.
func crisp(v float64, width int) float64 {
	if width%2 == 1 {
		return math.Floor(v) + 0.5
	}
	return math.Round(v)
}

// startText sets the font of the charts' labels, 11 CSS pixels high, and
// centres the text vertically on its y coordinate.
func startText(g pen, scale float64) {
	g.SetFont(itoa(int(11*scale+0.5)) + "px system-ui, sans-serif")
	g.SetTextBaseline("middle")
}

// verticalText draws text centred at (x, y), turned by -90° to read
// upwards, as the title of a y axis.
func verticalText(g pen, text string, x, y float64) {
	g.Save()
	g.Translate(x, y)
	g.Rotate(-math.Pi / 2)
	g.SetTextAlign("center")
	g.FillText(text, 0, 0, noMaxWidth)
	g.Restore()
}

// clearChart fills the w × h canvas with white.
func clearChart(g pen, w, h int) {
	g.SetFillStyle(whiteCSS)
	g.FillRect(0, 0, float64(w), float64(h))
}
