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

var seriesColours = [3]RGBA{dropoutColour, trainColour, valColour}

// paintHistory draws accuracy, loss and soft significance against epoch
// side by side into r, sized w × h pixels, and returns the labels with
// labels appended.
func paintHistory(r *Raster, w, h int, scale float64, hist []nn.EpochStats,
	labels []textItem) []textItem {
	r.Resize(w, h)
	r.Clear(RGBA{255, 255, 255, 255})
	left, right, top, bottom := 46*scale, 8*scale, 20*scale, 34*scale
	panelW := float64(w) / 3
	for k, panel := range historyPanels {
		p := plotArea{L: float64(k)*panelW + left, T: top,
			W: panelW - left - right, H: float64(h) - top - bottom}
		p.X0, p.X1 = 0, float64(max(len(hist), 10))
		p.Y0, p.Y1 = historyRange(hist, panel)
		labels = axes(r, p, scale, true, labels, "epoch", "")
		labels = append(labels, textItem{Text: panel.title,
			X: p.L + p.W/2, Y: 9 * scale, Align: "center"})
		for s := 0; s < 3; s++ {
			paintSeries(r, p, hist, panel, s, scale)
		}
	}
	return labels
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
// vertex per pixel column.
func paintSeries(r *Raster, p plotArea, hist []nn.EpochStats, panel historyPanel, s int, scale float64) {
	stride := max(1, int(float64(len(hist))/p.W))
	px, py := math.NaN(), math.NaN()
	for i := 0; i < len(hist); i += stride {
		v := panel.series(&hist[i])[s]
		if math.IsNaN(v) || math.IsInf(v, 0) {
			px = math.NaN()
			continue
		}
		x, y := p.px(float64(hist[i].Epoch)), p.py(v)
		if !math.IsNaN(px) {
			r.Line(px, py, x, y, 1.5*scale, seriesColours[s])
		}
		px, py = x, y
	}
}

// cssColour returns c as a CSS rgb() colour.
func cssColour(c RGBA) string {
	return "rgb(" + itoa(int(c.R)) + "," + itoa(int(c.G)) + "," + itoa(int(c.B)) + ")"
}

// emptyHistory is drawn before a trainer exists.
var emptyHistory []nn.EpochStats
