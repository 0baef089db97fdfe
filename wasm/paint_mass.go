package main

import "github.com/relegator/relegator/core/eval"

// Colours of the mass histogram series: green for all events, orange for
// signal and blue for background, as in the decision map. The background
// fit is light blue and dotted.
var (
	allColour     = RGBA{44, 160, 44, 255}
	massColours   = [3]RGBA{allColour, {255, 127, 14, 255}, {31, 119, 180, 255}}
	windowColour  = RGBA{150, 150, 150, 255}
	bkgdFitColour = RGBA{110, 160, 220, 255}
)

// paintMass draws the mass histograms before and after the selection side
// by side into r, sized w × h pixels. It marks the signal window, adds the
// fitted background when there is a fit, and returns labels with the tick
// labels and titles appended.
func paintMass(r *Raster, w, h int, scale float64, m *massPanels, labels []textItem) []textItem {
	r.Resize(w, h)
	r.Clear(RGBA{255, 255, 255, 255})
	if !m.valid {
		return labels
	}
	left, right, top, bottom := 50*scale, 8*scale, 20*scale, 34*scale
	panelW := float64(w) / 2
	titles := [2]string{"mass, all events", "mass, selected as signal"}
	series := [2][3]*eval.Hist{
		{&m.hists.All, &m.hists.Sig, &m.hists.Bkgd},
		{&m.hists.PassAll, &m.hists.PassSig, &m.hists.PassBkgd},
	}
	for k := range 2 {
		all := series[k][0]
		p := plotArea{L: float64(k)*panelW + left, T: top,
			W: panelW - left - right, H: float64(h) - top - bottom}
		p.X0, p.X1 = all.Lo, all.Hi
		p.Y0, p.Y1 = 0, 1.08*max(peak(all.Counts), 1)
		labels = axes(r, p, scale, false, labels, "m", "")
		labels = append(labels, textItem{Text: titles[k],
			X: p.L + p.W/2, Y: 9 * scale, Align: "center"})
		for _, x := range [2]float64{m.hists.WindowLow, m.hists.WindowHigh} {
			dashedVertical(r, p.px(x), p.T, p.T+p.H, scale, windowColour)
		}
		for s := 2; s >= 0; s-- {
			paintSteps(r, p, series[k][s].Counts, scale, massColours[s])
		}
		if m.fitted[k] {
			paintDotted(r, p, m.fits[k].Centres, m.fits[k].Background, scale, bkgdFitColour)
		}
	}
	return labels
}

// peak returns the largest entry of v, 0 for none.
func peak(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = max(m, x)
	}
	return m
}

// paintSteps draws a histogram of equal bins over [p.X0, p.X1] as a step
// line.
func paintSteps(r *Raster, p plotArea, counts []float64, scale float64, c RGBA) {
	n := len(counts)
	if n == 0 {
		return
	}
	width := (p.X1 - p.X0) / float64(n)
	line := max(1, 1.2*scale)
	prev := p.py(0)
	for i, v := range counts {
		x0, x1 := p.px(p.X0+float64(i)*width), p.px(p.X0+float64(i+1)*width)
		y := p.py(v)
		r.Line(x0, prev, x0, y, line, c)
		r.Line(x0, y, x1, y, line, c)
		prev = y
	}
	r.Line(p.px(p.X1), prev, p.px(p.X1), p.py(0), line, c)
}

// paintDotted draws the curve through (x[i], y[i]) as dots about three CSS
// pixels apart.
func paintDotted(r *Raster, p plotArea, x, y []float64, scale float64, c RGBA) {
	for i := 1; i < len(x) && i < len(y); i++ {
		u0, v0 := p.px(x[i-1]), p.py(y[i-1])
		u1, v1 := p.px(x[i]), p.py(y[i])
		n := int(max(abs(u1-u0), abs(v1-v0)) / (3 * scale))
		for j := 0; j <= n; j++ {
			t := float64(j) / float64(max(n, 1))
			r.Disc(u0+t*(u1-u0), v0+t*(v1-v0), max(0.8, scale), c)
		}
	}
}

// dashedVertical draws a vertical dashed line at column x from y0 to y1.
func dashedVertical(r *Raster, x, y0, y1, scale float64, c RGBA) {
	dash := 5 * scale
	for y := y0; y < y1; y += 2 * dash {
		r.Line(x, y, x, min(y+dash, y1), max(1, scale), c)
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
