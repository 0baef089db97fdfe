package main

// Colours of the mass histogram series, after the seed's figure.
var massColours = [nSeries]RGBA{
	seriesAll:        {44, 160, 44, 255},
	seriesSignal:     {255, 127, 14, 255},
	seriesBackground: {31, 119, 180, 255},
}

var windowColour = RGBA{150, 150, 150, 255}

// paintMass draws the mass histograms before and after the selection side
// by side into r, sized w × h pixels, with the signal window marked, and
// returns the labels with labels appended.
func paintMass(r *Raster, w, h int, scale float64, m *massHistograms, labels []textItem) []textItem {
	r.Resize(w, h)
	r.Clear(RGBA{255, 255, 255, 255})
	if !m.Valid {
		return labels
	}
	left, right, top, bottom := 50*scale, 8*scale, 20*scale, 34*scale
	panelW := float64(w) / 2
	titles := [2]string{"mass, all events", "mass, selected as signal"}
	for k, counts := range [2]*[nSeries][]float64{&m.Before, &m.After} {
		p := plotArea{L: float64(k)*panelW + left, T: top, W: panelW - left - right, H: float64(h) - top - bottom}
		p.X0, p.X1 = m.Lo, m.Hi
		p.Y0, p.Y1 = 0, 1.08*max(peak(counts[seriesAll]), 1)
		labels = axes(r, p, scale, false, labels, "m", "")
		labels = append(labels, textItem{Text: titles[k], X: p.L + p.W/2, Y: 9 * scale, Align: "center"})
		for _, x := range [2]float64{m.WindowLow, m.WindowHigh} {
			dashed(r, p.px(x), p.T, p.T+p.H, scale, windowColour)
		}
		for _, s := range [nSeries]int{seriesBackground, seriesSignal, seriesAll} {
			paintSteps(r, p, counts[s], scale, massColours[s])
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

// dashed draws a vertical dashed line at column x from y0 to y1.
func dashed(r *Raster, x, y0, y1, scale float64, c RGBA) {
	dash := 5 * scale
	for y := y0; y < y1; y += 2 * dash {
		r.Line(x, y, x, min(y+dash, y1), max(1, scale), c)
	}
}
