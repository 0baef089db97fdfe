package main

import (
	"math"

	"github.com/relegator/relegator/core/eval"
)

// Colours of the mass histogram series: green for all events, orange for
// signal and blue for background, as in the decision map. The background
// fit is light blue and dotted, the residuals black with error bars.
var (
	allColour      = RGBA{44, 160, 44, 255}
	massColours    = [3]RGBA{allColour, {255, 127, 14, 255}, {31, 119, 180, 255}}
	windowColour   = RGBA{150, 150, 150, 255}
	bkgdFitColour  = RGBA{110, 160, 220, 255}
	residualColour = inkColour
)

// CSS forms of the mass chart's colours.
var (
	massCSS     = [3]string{cssColour(massColours[0]), cssColour(massColours[1]), cssColour(massColours[2])}
	windowCSS   = cssColour(windowColour)
	bkgdFitCSS  = cssColour(bkgdFitColour)
	residualCSS = cssColour(residualColour)
	mutedCSS    = cssColour(RGBA{110, 116, 128, 255})
)

// residualShare is the part of the height of the right column that the
// residual panel takes under the histogram after selection.
const residualShare = 0.36

// paintMass draws the mass histograms before and after the selection side
// by side on a canvas of w × h pixels, and under the second the residuals:
// counts minus the fitted background, with errors sqrt(counts). Every panel
// marks the signal window; the fitted background is drawn when there is a
// fit.
func paintMass(g pen, w, h int, scale float64, m *massPanels) {
	clearChart(g, w, h)
	startText(g, scale)
	if !m.valid {
		g.SetFillStyle(mutedCSS)
		g.SetTextAlign("center")
		g.FillText("The histograms appear after the first evaluation.", float64(w)/2, float64(h)/2, noMaxWidth)
		return
	}
	left, right, top, bottom := 50*scale, 8*scale, 20*scale, 34*scale
	gap := 6 * scale
	panelW := float64(w) / 2
	plotH := float64(h) - top - bottom
	residualH := math.Round(residualShare * plotH)
	upper := [2]plotArea{
		{L: left, T: top, W: panelW - left - right, H: plotH},
		{L: panelW + left, T: top, W: panelW - left - right, H: plotH - residualH - gap},
	}

	titles := [2]string{"mass, all events", "mass, selected as signal"}
	series := [2][3]*eval.Hist{
		{&m.hists.All, &m.hists.Sig, &m.hists.Bkgd},
		{&m.hists.PassAll, &m.hists.PassSig, &m.hists.PassBkgd},
	}
	for k, p := range upper {
		all := series[k][0]
		p.X0, p.X1 = all.Lo, all.Hi
		p.Y0, p.Y1 = 0, 1.08*max(peak(all.Counts), 1)
		// The residual panel under the second histogram carries its x axis.
		axes(g, p, scale, axisStyle{noXLabels: k == 1, xTitle: xTitleUnless(k == 1), yTitle: "events per bin"})
		chartTitle(g, p, scale, titles[k])
		signalWindow(g, p, m.hists.WindowLow, m.hists.WindowHigh, scale)
		g.SetLineWidth(lineWidth(1.2, scale))
		for s := 2; s >= 0; s-- {
			paintSteps(g, p, series[k][s].Counts, massCSS[s])
		}
		if m.fitted[k] {
			paintDotted(g, p, m.fits[k].Centres, m.fits[k].Background, scale, bkgdFitCSS)
		}
	}

	r := plotArea{L: upper[1].L, T: upper[1].T + upper[1].H + gap, W: upper[1].W, H: residualH,
		X0: m.hists.PassAll.Lo, X1: m.hists.PassAll.Hi}
	paintResiduals(g, r, m, scale)
}

// xTitleUnless returns the x title of a mass panel, or "" when hide is
// true.
func xTitleUnless(hide bool) string {
	if hide {
		return ""
	}
	return "m"
}

// paintResiduals draws the residuals of the fit after selection in r, or,
// without that fit, a hint to run it or the reason it failed.
func paintResiduals(g pen, r plotArea, m *massPanels, scale float64) {
	f := &m.fits[1]
	if !m.fitted[1] {
		r.Y0, r.Y1 = -1, 1
		axes(g, r, scale, axisStyle{noYLabels: true, xTitle: "m"})
		signalWindow(g, r, m.hists.WindowLow, m.hists.WindowHigh, scale)
		hint := "Fit background to see counts − fit here"
		if err := m.fitErrs[1]; err != nil {
			hint = "No fit: " + err.Error()
		}
		g.SetFillStyle(mutedCSS)
		g.SetTextAlign("center")
		g.FillText(hint, r.L+r.W/2, r.T+r.H/2, r.W-8*scale)
		return
	}
	r.Y0, r.Y1 = residualRange(f.Residuals, f.ResidualErrs)
	axes(g, r, scale, axisStyle{xTitle: "m", yTitle: "counts − fit"})
	signalWindow(g, r, m.hists.WindowLow, m.hists.WindowHigh, scale)

	width := lineWidth(1, scale)
	g.SetLineWidth(width)
	g.SetStrokeStyle(frameCSS)
	g.BeginPath()
	zero := crisp(r.py(0), width)
	g.MoveTo(r.L, zero)
	g.LineTo(r.L+r.W, zero)
	g.Stroke()

	// Error bars as one path, then a square marker on each residual.
	n := min(len(f.Centres), len(f.Residuals), len(f.ResidualErrs))
	g.SetStrokeStyle(residualCSS)
	g.BeginPath()
	for i := range n {
		v, e := f.Residuals[i], f.ResidualErrs[i]
		if !finite(v) || !finite(e) || e == 0 {
			continue
		}
		u := crisp(r.px(f.Centres[i]), width)
		g.MoveTo(u, r.py(v-e))
		g.LineTo(u, r.py(v+e))
	}
	g.Stroke()
	half := 1.5 * scale
	g.SetFillStyle(residualCSS)
	for i := range n {
		if v := f.Residuals[i]; finite(v) {
			g.FillRect(r.px(f.Centres[i])-half, r.py(v)-half, 2*half, 2*half)
		}
	}
}

// residualRange returns a range of residuals that holds 0 and every finite
// residual with its error bar, padded by 8%.
func residualRange(res, errs []float64) (lo, hi float64) {
	lo, hi = 0, 0
	for i, v := range res {
		e := 0.0
		if i < len(errs) && finite(errs[i]) {
			e = errs[i]
		}
		if finite(v) {
			lo, hi = min(lo, v-e), max(hi, v+e)
		}
	}
	if hi-lo < 1e-9 {
		return -1, 1
	}
	pad := 0.08 * (hi - lo)
	return lo - pad, hi + pad
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// peak returns the largest entry of v, 0 for none.
func peak(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = max(m, x)
	}
	return m
}

// paintSteps draws a histogram of equal bins over [p.X0, p.X1] as one
// step line, with the line width already set.
func paintSteps(g pen, p plotArea, counts []float64, colour string) {
	n := len(counts)
	if n == 0 {
		return
	}
	width := (p.X1 - p.X0) / float64(n)
	g.SetStrokeStyle(colour)
	g.BeginPath()
	g.MoveTo(p.px(p.X0), p.py(0))
	for i, v := range counts {
		x0, x1 := p.px(p.X0+float64(i)*width), p.px(p.X0+float64(i+1)*width)
		y := p.py(v)
		g.LineTo(x0, y)
		g.LineTo(x1, y)
	}
	g.LineTo(p.px(p.X1), p.py(0))
	g.Stroke()
}

// paintDotted draws the curve through (x[i], y[i]) as square dots about
// three CSS pixels apart.
func paintDotted(g pen, p plotArea, x, y []float64, scale float64, colour string) {
	g.SetFillStyle(colour)
	size := max(1.6, 2*scale)
	for i := 1; i < len(x) && i < len(y); i++ {
		u0, v0 := p.px(x[i-1]), p.py(y[i-1])
		u1, v1 := p.px(x[i]), p.py(y[i])
		n := int(max(math.Abs(u1-u0), math.Abs(v1-v0)) / (3 * scale))
		for j := 0; j <= n; j++ {
			t := float64(j) / float64(max(n, 1))
			g.FillRect(u0+t*(u1-u0)-size/2, v0+t*(v1-v0)-size/2, size, size)
		}
	}
}

// signalWindow marks the signal window [lo, hi] with dashed vertical
// lines across p.
func signalWindow(g pen, p plotArea, lo, hi, scale float64) {
	width := lineWidth(1, scale)
	dash := 5 * scale
	g.SetLineWidth(width)
	g.SetStrokeStyle(windowCSS)
	g.BeginPath()
	for _, x := range [2]float64{lo, hi} {
		u := crisp(p.px(x), width)
		for y := p.T; y < p.T+p.H; y += 2 * dash {
			g.MoveTo(u, y)
			g.LineTo(u, min(y+dash, p.T+p.H))
		}
	}
	g.Stroke()
}
