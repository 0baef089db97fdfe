//go:build js && wasm

package main

import (
	"math"
	"syscall/js"
	"time"
)

// Margins of the decision-map figure around its plot area, in CSS pixels.
const (
	figureLeft   = 52
	figureTop    = 10
	figureRight  = 12
	figureBottom = 42
)

// drawing paints the canvases of the page from the App's state. Each
// canvas is repainted only when what it shows, or its size, changed.
type drawing struct {
	document js.Value
	mapLayer canvasLayer
	points   canvasLayer
	history  canvasLayer
	mass     canvasLayer

	// State of the last paint of each canvas: sizes, data, evaluation
	// and epoch.
	dpr          float64
	figW, figH   float64
	histW, histH float64
	massW, massH float64
	drawnData    uint64
	drawnEval    uint64
	drawnMass    uint64
	drawnEpoch   int
	drawnRun     uint64
	historyAt    stamp
}

// historyInterval is the shortest time between two paints of the history
// chart while training runs.
const historyInterval = 250 * time.Millisecond

func newDrawing() *drawing {
	return &drawing{
		document:   js.Global().Get("document"),
		mapLayer:   canvasLayer{id: "map-canvas"},
		points:     canvasLayer{id: "points-canvas"},
		history:    canvasLayer{id: "history-canvas"},
		mass:       canvasLayer{id: "mass-canvas"},
		drawnEpoch: -1,
	}
}

// draw repaints what changed. It reads the App and never changes it.
func (d *drawing) draw(a *App) {
	// dom/v2's Window has no devicePixelRatio.
	dpr := js.Global().Get("devicePixelRatio").Float()
	if !(dpr >= 0.5) || math.IsInf(dpr, 0) {
		dpr = 1
	}
	scaleChanged := dpr != d.dpr
	d.dpr = dpr
	d.drawFigure(a, scaleChanged)
	d.drawHistory(a, scaleChanged)
	d.drawMass(a, scaleChanged)
}

// drawFigure paints the decision map and, over it, the training points
// with the axes.
func (d *drawing) drawFigure(a *App, scaleChanged bool) {
	if !d.points.attach(d.document) || !d.mapLayer.attach(d.document) {
		return
	}
	w, h := d.points.cssSize()
	resized := scaleChanged || w != d.figW || h != d.figH
	if resized {
		d.figW, d.figH = w, h
		style := d.mapLayer.el.Style()
		style.SetProperty("left", itoa(figureLeft)+"px", "")
		style.SetProperty("top", itoa(figureTop)+"px", "")
		style.SetProperty("width", itoa(int(max(w-figureLeft-figureRight, 1)))+"px", "")
		style.SetProperty("height", itoa(int(max(h-figureTop-figureBottom, 1)))+"px", "")
	}
	exp := a.Experiment()
	if exp != nil && (resized || a.DataVersion != d.drawnData) {
		d.drawnData = a.DataVersion
		s := d.dpr
		bw, bh := int(w*s+0.5), int(h*s+0.5)
		d.points.size(bw, bh)
		r := &d.points.raster
		r.Resize(bw, bh)
		r.Clear(RGBA{})
		x0, x1, y0, y1 := a.MapBounds()
		p := plotArea{L: figureLeft * s, T: figureTop * s,
			W: float64(bw) - (figureLeft+figureRight)*s, H: float64(bh) - (figureTop+figureBottom)*s,
			X0: x0, X1: x1, Y0: y0, Y1: y1}
		paintPoints(r, exp.Train, p, 1.4*s)
		d.points.put()
		startText(d.points.ctx, s)
		axes(d.points.ctx, p, s, axisStyle{xTitle: "x₁", yTitle: "x₂"})
	}
	if m := a.DecisionMap(); m != nil && (resized || a.EvalCount() != d.drawnEval) {
		d.drawnEval = a.EvalCount()
		d.mapLayer.size(m.NX, m.NY)
		paintMap(&d.mapLayer.raster, m)
		d.mapLayer.put()
	}
}

// drawHistory paints accuracy, loss and significance against epoch.
func (d *drawing) drawHistory(a *App, scaleChanged bool) {
	if !d.history.attach(d.document) {
		return
	}
	w, h := d.history.cssSize()
	tr := a.Trainer()
	epoch := -1
	if tr != nil {
		epoch = tr.Epoch()
	}
	resized := scaleChanged || w != d.histW || h != d.histH
	if !resized && epoch == d.drawnEpoch && a.RunCount() == d.drawnRun {
		return
	}
	// While training runs, epochs end many times a second; the curves
	// follow at most every historyInterval.
	now := time.Now()
	if !resized && a.RunCount() == d.drawnRun && a.Running() && d.historyAt.since(now) < historyInterval {
		return
	}
	d.historyAt = stampOf(now)
	d.histW, d.histH, d.drawnEpoch, d.drawnRun = w, h, epoch, a.RunCount()
	s := d.dpr
	bw, bh := int(w*s+0.5), int(h*s+0.5)
	d.history.size(bw, bh)
	var hist = emptyHistory
	if tr != nil {
		hist = tr.History()
	}
	paintHistory(d.history.ctx, bw, bh, s, hist)
}

// drawMass paints the mass histograms of the latest evaluation.
func (d *drawing) drawMass(a *App, scaleChanged bool) {
	if !d.mass.attach(d.document) {
		return
	}
	w, h := d.mass.cssSize()
	resized := scaleChanged || w != d.massW || h != d.massH
	version := a.EvalCount() + a.FitCount()
	if !resized && version == d.drawnMass {
		return
	}
	d.massW, d.massH, d.drawnMass = w, h, version
	s := d.dpr
	bw, bh := int(w*s+0.5), int(h*s+0.5)
	d.mass.size(bw, bh)
	paintMass(d.mass.ctx, bw, bh, s, a.MassPanels())
}
