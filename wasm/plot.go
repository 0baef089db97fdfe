package main

import "strconv"

// plotArea maps data coordinates to raster pixels: [X0, X1] × [Y0, Y1]
// fills the rectangle of width W and height H pixels whose top-left
// corner is (L, T), with y growing upwards.
type plotArea struct {
	L, T, W, H     float64
	X0, X1, Y0, Y1 float64
}

// px returns the pixel column of x.
func (p plotArea) px(x float64) float64 { return p.L + (x-p.X0)/(p.X1-p.X0)*p.W }

// py returns the pixel row of y.
func (p plotArea) py(y float64) float64 { return p.T + (p.Y1-y)/(p.Y1-p.Y0)*p.H }

// textItem is a label that the page draws with the canvas's fillText after
// putting the raster: Go paints the pixels, the browser the glyphs.
type textItem struct {
	Text string
	// X and Y are in raster pixels; Y is the baseline's middle.
	X, Y float64
	// Align is "left", "center" or "right".
	Align string
	// Vertical rotates the text by -90°, for a y-axis title.
	Vertical bool
	// Colour is a CSS colour; "" for the default ink.
	Colour string
}

// Colours of the figures.
var (
	inkColour   = RGBA{40, 44, 52, 255}
	gridColour  = RGBA{0, 0, 0, 28}
	frameColour = RGBA{90, 96, 110, 255}
)

// axes draws the frame of p and its ticks into r and appends the tick
// labels to labels. scale is the device pixel ratio, so lines and gaps
// keep their CSS size.
func axes(r *Raster, p plotArea, scale float64, grid bool, labels []textItem,
	xTitle, yTitle string) []textItem {
	var ticks [16]float64
	tick := 4 * scale
	line := max(1, scale)
	xs, xStep := niceTicks(ticks[:0], p.X0, p.X1, 7)
	for _, x := range xs {
		u := p.px(x)
		if grid {
			r.Line(u, p.T, u, p.T+p.H, line, gridColour)
		}
		r.Line(u, p.T+p.H, u, p.T+p.H+tick, line, frameColour)
		labels = append(labels, textItem{Text: formatTick(x, xStep),
			X: u, Y: p.T + p.H + tick + 8*scale, Align: "center"})
	}
	ys, yStep := niceTicks(ticks[:0], p.Y0, p.Y1, 6)
	for _, y := range ys {
		v := p.py(y)
		if grid {
			r.Line(p.L, v, p.L+p.W, v, line, gridColour)
		}
		r.Line(p.L-tick, v, p.L, v, line, frameColour)
		labels = append(labels, textItem{Text: formatTick(y, yStep),
			X: p.L - tick - 3*scale, Y: v, Align: "right"})
	}
	r.Line(p.L, p.T, p.L+p.W, p.T, line, frameColour)
	r.Line(p.L, p.T+p.H, p.L+p.W, p.T+p.H, line, frameColour)
	r.Line(p.L, p.T, p.L, p.T+p.H, line, frameColour)
	r.Line(p.L+p.W, p.T, p.L+p.W, p.T+p.H, line, frameColour)
	if xTitle != "" {
		labels = append(labels, textItem{Text: xTitle,
			X: p.L + p.W/2, Y: p.T + p.H + tick + 22*scale, Align: "center"})
	}
	if yTitle != "" {
		labels = append(labels, textItem{Text: yTitle,
			X: p.L - 34*scale, Y: p.T + p.H/2, Align: "center", Vertical: true})
	}
	return labels
}

// formatTick writes a tick value with as many decimals as its step needs.
func formatTick(v, step float64) string {
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', tickDecimals(step), 64)
}

// itoa returns n in decimal.
func itoa(n int) string { return strconv.Itoa(n) }
