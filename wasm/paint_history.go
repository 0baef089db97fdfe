package main

import (
	"math"

	"github.com/relegator/relegator/core/nn"
)

// Colours of the history series, after the seed's training curves.
var (
	dropoutColour = RGBA{31, 119, 180, 255}
	trainColour   = RGBA{255, 127, 14, 255}
	valColour     = RGBA{44, 160, 44, 255}
)

// historyPanel selects one quantity of the epoch history.
type historyPanel struct {
	title string
	// series return the values drawn: with dropout (NaN when not
	// recorded), on the training part, on the validation part.
	series func(s *nn.EpochStats) [3]float64
}

var historyPanels = [3]historyPanel{
	{"accuracy", func(s *nn.EpochStats) [3]float64 {
		return [3]float64{s.Accuracy, s.TrainAccuracy, s.ValAccuracy}
	}},
	{"loss", func(s *nn.EpochStats) [3]float64 {
		return [3]float64{s.Loss, s.TrainLoss, s.ValLoss}
	}},
	{"soft significance", func(s *nn.EpochStats) [3]float64 {
		return [3]float64{math.NaN(), s.TrainSignificance, s.ValSignificance}
	}},
}

// seriesCSS are the CSS colours of the three series of a panel.
var seriesCSS = [3]string{cssColour(dropoutColour), cssColour(trainColour), cssColour(valColour)}

// paintHistory draws accuracy, loss and soft significance against epoch
// side by side on a canvas of w × h pixels.
func paintHistory(g pen, w, h int, scale float64, hist []nn.EpochStats) {
	clearChart(g, w, h)
	startText(g, scale)
	left, right, top, bottom := 46*scale, 8*scale, 20*scale, 34*scale
	panelW := float64(w) / 3
	for k, panel := range historyPanels {
		p := plotArea{L: float64(k)*panelW + left, T: top,
			W: panelW - left - right, H: float64(h) - top - bottom}
		p.X0, p.X1 = 0, float64(max(len(hist), 10))
		p.Y0, p.Y1 = historyRange(hist, panel)
		axes(g, p, scale, axisStyle{grid: true, xTitle: "epoch"})
		chartTitle(g, p, scale, panel.title)
		g.SetLineWidth(lineWidth(1.5, scale))
		for s := 0; s < 3; s++ {
			paintSeries(g, p, hist, panel, s)
		}
	}
}

// historyRange returns the range of the values of panel, padded by 5%.
func historyRange(hist []nn.EpochStats, panel historyPanel) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for i := range hist {
		for _, v := range panel.series(&hist[i]) {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	if lo > hi {
		return 0, 1
	}
	if hi-lo < 1e-9 {
		lo, hi = lo-0.5, hi+0.5
	}
	pad := 0.05 * (hi - lo)
	return lo - pad, hi + pad
}

// paintSeries draws series s of panel as a polyline, with at most one
// vertex per pixel column, broken where a value is not finite.
func paintSeries(g pen, p plotArea, hist []nn.EpochStats, panel historyPanel, s int) {
	stride := max(1, int(float64(len(hist))/p.W))
	g.SetStrokeStyle(seriesCSS[s])
	g.BeginPath()
	open := false
	for i := 0; i < len(hist); i += stride {
		v := panel.series(&hist[i])[s]
		if math.IsNaN(v) || math.IsInf(v, 0) {
			open = false
			continue
		}
		x, y := p.px(float64(hist[i].Epoch)), p.py(v)
		if open {
			g.LineTo(x, y)
		} else {
			g.MoveTo(x, y)
			open = true
		}
	}
	g.Stroke()
}

// emptyHistory is drawn before a trainer exists.
var emptyHistory []nn.EpochStats
