package main

import "strconv"

// plotArea maps data coordinates to canvas pixels: [X0, X1] × [Y0, Y1]
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

// Colours of the figures.
var (
	inkColour   = RGBA{40, 44, 52, 255}
	gridColour  = RGBA{0, 0, 0, 28}
	frameColour = RGBA{90, 96, 110, 255}
)

// CSS forms of the colours the charts set on every paint, built once.
var (
	inkCSS   = cssColour(inkColour)
	gridCSS  = cssColour(gridColour)
	frameCSS = cssColour(frameColour)
	whiteCSS = cssColour(RGBA{255, 255, 255, 255})
)

// axisStyle selects the parts of the axes drawn around a plot area.
type axisStyle struct {
	// grid draws a line across the plot at every tick.
	grid bool
	// noXLabels leaves out the x tick labels, for a panel stacked over
	// another with the same x axis.
	noXLabels bool
	// noYLabels leaves out the y tick labels, for a panel that has no
	// values to show yet.
	noYLabels bool
	// xTitle and yTitle name the axes; "" for none.
	xTitle, yTitle string
}

// axes draws the frame of p, its ticks and their labels. scale is the
// device pixel ratio, so lines, gaps and text keep their CSS size. It
// expects the font set by startText.
func axes(g pen, p plotArea, scale float64, s axisStyle) {
	var xTicks, yTicks [16]float64
	xs, xStep := niceTicks(xTicks[:0], p.X0, p.X1, 7)
	ys, yStep := niceTicks(yTicks[:0], p.Y0, p.Y1, 6)
	tick := 4 * scale
	width := lineWidth(1, scale)
	g.SetLineWidth(width)
	if s.grid {
		g.SetStrokeStyle(gridCSS)
		g.BeginPath()
		for _, x := range xs {
			u := crisp(p.px(x), width)
			g.MoveTo(u, p.T)
			g.LineTo(u, p.T+p.H)
		}
		for _, y := range ys {
			v := crisp(p.py(y), width)
			g.MoveTo(p.L, v)
			g.LineTo(p.L+p.W, v)
		}
		g.Stroke()
	}

	// The ticks and the frame are one path.
	g.SetStrokeStyle(frameCSS)
	g.BeginPath()
	bottom := crisp(p.T+p.H, width)
	left := crisp(p.L, width)
	for _, x := range xs {
		u := crisp(p.px(x), width)
		g.MoveTo(u, bottom)
		g.LineTo(u, bottom+tick)
	}
	for _, y := range ys {
		v := crisp(p.py(y), width)
		g.MoveTo(left-tick, v)
		g.LineTo(left, v)
	}
	top, right := crisp(p.T, width), crisp(p.L+p.W, width)
	g.MoveTo(left, top)
	g.LineTo(right, top)
	g.LineTo(right, bottom)
	g.LineTo(left, bottom)
	g.LineTo(left, top)
	g.Stroke()

	g.SetFillStyle(inkCSS)
	if !s.noXLabels {
		g.SetTextAlign("center")
		for _, x := range xs {
			g.FillText(formatTick(x, xStep), p.px(x), p.T+p.H+tick+8*scale, noMaxWidth)
		}
	}
	if !s.noYLabels {
		g.SetTextAlign("right")
		for _, y := range ys {
			g.FillText(formatTick(y, yStep), p.L-tick-3*scale, p.py(y), noMaxWidth)
		}
	}
	if s.xTitle != "" {
		g.SetTextAlign("center")
		g.FillText(s.xTitle, p.L+p.W/2, p.T+p.H+tick+22*scale, noMaxWidth)
	}
	if s.yTitle != "" {
		verticalText(g, s.yTitle, p.L-36*scale, p.T+p.H/2)
	}
}

// chartTitle writes a panel's title centred above p.
func chartTitle(g pen, p plotArea, scale float64, title string) {
	g.SetFillStyle(inkCSS)
	g.SetTextAlign("center")
	g.FillText(title, p.L+p.W/2, p.T-11*scale, noMaxWidth)
}

// formatTick writes a tick value with as many decimals as its step needs.
func formatTick(v, step float64) string {
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', tickDecimals(step), 64)
}

// cssColour returns c as a CSS rgb() colour, or rgba() when it is not
// opaque.
func cssColour(c RGBA) string {
	rgb := itoa(int(c.R)) + "," + itoa(int(c.G)) + "," + itoa(int(c.B))
	if c.A == 255 {
		return "rgb(" + rgb + ")"
	}
	return "rgba(" + rgb + "," + strconv.FormatFloat(float64(c.A)/255, 'f', 3, 64) + ")"
}

// itoa returns n in decimal.
func itoa(n int) string { return strconv.Itoa(n) }
