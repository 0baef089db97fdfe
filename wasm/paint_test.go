package main

import (
	"math"
	"testing"
	"time"

	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/eval"
	"github.com/relegator/relegator/core/nn"
)

func TestNiceTicks(t *testing.T) {
	cases := []struct {
		lo, hi   float64
		max      int
		want     []float64
		wantStep float64
	}{
		{0, 1, 6, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}, 0.2},
		{-1.3, 2.7, 7, []float64{-1, 0, 1, 2}, 1},
		{0, 300, 7, []float64{0, 50, 100, 150, 200, 250, 300}, 50},
		{0.42, 0.58, 5, []float64{0.45, 0.5, 0.55}, 0.05},
		{1, 1, 5, nil, 0},
	}
	for _, tc := range cases {
		got, step := niceTicks(nil, tc.lo, tc.hi, tc.max)
		if step != tc.wantStep || len(got) != len(tc.want) {
			t.Errorf("niceTicks(%g, %g, %d) = %v step %g, want %v step %g", tc.lo, tc.hi, tc.max, got, step, tc.want, tc.wantStep)
			continue
		}
		for i := range got {
			if math.Abs(got[i]-tc.want[i]) > 1e-12 {
				t.Errorf("niceTicks(%g, %g, %d)[%d] = %g, want %g", tc.lo, tc.hi, tc.max, i, got[i], tc.want[i])
			}
		}
	}
}

func TestRasterBlend(t *testing.T) {
	var r Raster
	r.Resize(2, 1)
	r.Clear(RGBA{0, 0, 255, 255})
	r.Blend(0, 0, RGBA{255, 0, 0, 128})
	r.Blend(5, 5, RGBA{255, 0, 0, 255}) // outside: ignored
	got := r.Pix[0:4]
	if got[0] < 126 || got[0] > 129 || got[2] < 126 || got[2] > 129 || got[3] != 255 {
		t.Errorf("half red over blue = %v, want about [128 0 127 255]", got)
	}
	if r.Pix[4] != 0 || r.Pix[6] != 255 {
		t.Errorf("untouched pixel = %v, want blue", r.Pix[4:8])
	}
}

func TestPaintMapColoursEveryCell(t *testing.T) {
	m := &decisionMap{NX: 3, NY: 1, Class: []int{0, 1, 2}, PSig: []float64{0, 1, 0.5}}
	var r Raster
	paintMap(&r, m)
	for i, c := range m.Class {
		want := mapColours[c]
		p := r.Pix[4*i : 4*i+4]
		if p[0] != want.R || p[1] != want.G || p[2] != want.B || p[3] != 255 {
			t.Errorf("cell %d of class %d = %v, want %v", i, c, p, want)
		}
	}
}

func TestStepTimerFitsBudget(t *testing.T) {
	var st stepTimer
	if !st.fits(100, 10, 0) {
		t.Error("the first step of a frame must always fit")
	}
	st.record(4, 8) // 2 ms per step
	if !st.fits(7, 10, 1) {
		t.Error("a 2 ms step after 7 ms must fit a 10 ms budget")
	}
	if st.fits(9, 10, 1) {
		t.Error("a 2 ms step after 9 ms must not fit a 10 ms budget")
	}
}

func TestBenchReportsSpeed(t *testing.T) {
	a, _ := newTestApp(t)
	var got BenchResult
	var gotErr error
	finished := false
	err := a.StartBench(BenchOptions{Events: 500, Batch: 0, Hidden: []int{16, 16}, Seconds: 0.2},
		func(r BenchResult, err error) { got, gotErr, finished = r, err, true })
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !finished && time.Now().Before(deadline) {
		a.Frame()
	}
	if !finished {
		t.Fatal("bench did not finish within 10 s")
	}
	if gotErr != nil {
		t.Fatal(gotErr)
	}
	if !(got.Epochs > 0 && got.EpochsPerSecond > 0 && got.GFLOPS > 0) {
		t.Errorf("bench result %+v, want positive epochs, rate and GFLOPS", got)
	}
	if a.Benchmarking() {
		t.Error("still benchmarking after the result")
	}
}

func TestBenchRejectsBadOptions(t *testing.T) {
	cases := []BenchOptions{
		{Events: 0, Hidden: []int{4}, Seconds: 1},
		{Events: 100, Batch: -1, Hidden: []int{4}, Seconds: 1},
		{Events: 100, Hidden: nil, Seconds: 1},
		{Events: 100, Hidden: []int{4}, Seconds: 0},
	}
	for i, o := range cases {
		if _, err := newBench(o); err == nil {
			t.Errorf("case %d: newBench(%+v) returned nil error", i, o)
		}
	}
}

func TestPaintPointsColoursBySignal(t *testing.T) {
	d := &data.Dataset{NFeatures: 2, X: []float64{0.25, 0.25, 0.75, 0.75}, Label: []int{data.Background, data.Signal},
		M: []float64{0.5, 0.5}}
	var r Raster
	r.Resize(100, 100)
	p := plotArea{L: 0, T: 0, W: 100, H: 100, X0: 0, X1: 1, Y0: 0, Y1: 1}
	paintPoints(&r, d, p, 2)
	at := func(x, y int) []byte { return r.Pix[4*(y*100+x) : 4*(y*100+x)+4] }
	// Data y grows upwards, pixel rows downwards.
	if got, want := at(25, 75), pointColours[data.Background]; got[0] != want.R || got[2] != want.B {
		t.Errorf("background point pixel = %v, want the colour %v", got, want)
	}
	if got, want := at(75, 25), pointColours[data.Signal]; got[0] != want.R || got[1] != want.G {
		t.Errorf("signal point pixel = %v, want the colour %v", got, want)
	}
	if got := at(50, 50); got[3] != 0 {
		t.Errorf("pixel between the points = %v, want transparent", got)
	}
}

func TestPaintHistoryLabelsEveryPanel(t *testing.T) {
	hist := []nn.EpochStats{
		{Epoch: 1, Loss: 1, Accuracy: 0.5, TrainLoss: 0.9, ValLoss: 1.1, TrainSignificance: 2, ValSignificance: 2.5},
		{Epoch: 2, Loss: 0.8, Accuracy: 0.6, TrainLoss: 0.7, ValLoss: 0.9, TrainSignificance: 3, ValSignificance: 3.2},
	}
	var g recordingPen
	paintHistory(&g, 600, 200, 1, hist)
	for _, want := range []string{"accuracy", "loss", "soft significance", "epoch"} {
		if _, ok := g.text(want); !ok {
			t.Errorf("no label %q", want)
		}
	}
	// Accuracy and loss have three series, the soft significance two,
	// because it is not recorded with dropout.
	wantStrokes := [3]int{2, 3, 3}
	for s, css := range seriesCSS {
		drawn := 0
		for _, st := range g.strokesIn(css) {
			if len(st.segs) > 0 {
				drawn++
			}
		}
		if drawn != wantStrokes[s] {
			t.Errorf("series %d: %d curves drawn, want %d", s, drawn, wantStrokes[s])
		}
	}
	if bg := g.rectsIn(whiteCSS); len(bg) == 0 || bg[0].w != 600 || bg[0].h != 200 {
		t.Errorf("background fills %+v, want one white 600×200 fill first", bg)
	}
}

// testMassPanels returns mass panels of 20 bins over [0, 1] with the
// signal window [0.4, 0.6], and, when fitted, a fit after selection whose
// residuals are 5 - i with errors 1 + i/10 in bin i.
func testMassPanels(fitted bool) *massPanels {
	const n = 20
	hist := func(level float64) eval.Hist {
		h := eval.Hist{Lo: 0, Hi: 1, Counts: make([]float64, n)}
		for i := range h.Counts {
			h.Counts[i] = level * float64(n-i)
		}
		return h
	}
	m := &massPanels{valid: true}
	m.hists = eval.MassHists{All: hist(10), Sig: hist(1), Bkgd: hist(9),
		PassAll: hist(3), PassSig: hist(1), PassBkgd: hist(2), WindowLow: 0.4, WindowHigh: 0.6}
	if !fitted {
		return m
	}
	f := &m.fits[1]
	for i := range n {
		f.Centres = append(f.Centres, (float64(i)+0.5)/n)
		f.Background = append(f.Background, float64(n-i))
		f.Residuals = append(f.Residuals, 5-float64(i))
		f.ResidualErrs = append(f.ResidualErrs, 1+float64(i)/10)
	}
	m.fitted[1] = true
	return m
}

func TestPaintMassResiduals(t *testing.T) {
	m := testMassPanels(true)
	var g recordingPen
	const w, h = 800, 300
	paintMass(&g, w, h, 1, m)
	f := m.fits[1]

	markers := g.rectsIn(residualCSS)
	if len(markers) != len(f.Residuals) {
		t.Fatalf("%d residual markers, want %d", len(markers), len(f.Residuals))
	}
	bars := g.strokesIn(residualCSS)
	if len(bars) != 1 || len(bars[0].segs) != len(f.Residuals) {
		t.Fatalf("error bars %+v, want one path of %d bars", bars, len(f.Residuals))
	}
	// The bars must be as long as twice the error, on the residual
	// panel's scale, and centred on the markers.
	unit := (bars[0].segs[0].y0 - bars[0].segs[0].y1) / (2 * f.ResidualErrs[0])
	for i, b := range bars[0].segs {
		if got, want := b.y0-b.y1, 2*f.ResidualErrs[i]*unit; math.Abs(got-want) > 1e-6 {
			t.Errorf("bin %d: bar %g pixels long, want %g", i, got, want)
		}
		mk := markers[i]
		if cy := mk.y + mk.h/2; math.Abs(cy-(b.y0+b.y1)/2) > 1e-6 {
			t.Errorf("bin %d: marker at y %g, bar centred at %g", i, cy, (b.y0+b.y1)/2)
		}
		if i > 0 && !(mk.y > markers[i-1].y) {
			t.Errorf("bin %d: marker at y %g not below bin %d at %g for a smaller residual",
				i, mk.y, i-1, markers[i-1].y)
		}
	}
	// Residuals sit in the right half, under the histogram after
	// selection.
	if markers[0].x < w/2 || markers[0].y < h/3 {
		t.Errorf("first marker at (%g, %g), want it in the lower right of the %d×%d canvas",
			markers[0].x, markers[0].y, w, h)
	}
	if _, ok := g.text("counts − fit"); !ok {
		t.Error("no y title on the residual panel")
	}
	// The window is marked on three panels: two dashed lines each.
	if got := len(g.strokesIn(windowCSS)); got != 3 {
		t.Errorf("%d signal-window strokes, want 3", got)
	}
	if got := len(g.rectsIn(bkgdFitCSS)); got == 0 {
		t.Error("the fitted background after selection is not drawn")
	}
}

func TestPaintMassBeforeFit(t *testing.T) {
	var g recordingPen
	paintMass(&g, 800, 300, 1, testMassPanels(false))
	if len(g.rectsIn(residualCSS)) != 0 || len(g.strokesIn(residualCSS)) != 0 {
		t.Error("residuals drawn without a fit")
	}
	if _, ok := g.text("Fit background to see counts − fit here"); !ok {
		t.Error("no hint to run the fit")
	}
	for _, want := range []string{"mass, all events", "mass, selected as signal", "m"} {
		if _, ok := g.text(want); !ok {
			t.Errorf("no label %q", want)
		}
	}
	if got := len(g.strokesIn(massCSS[0])); got != 2 {
		t.Errorf("%d histograms of all events, want 2 (before and after selection)", got)
	}
}

func TestPaintMassEmpty(t *testing.T) {
	var g recordingPen
	paintMass(&g, 800, 300, 1, &massPanels{})
	if len(g.strokes) != 0 {
		t.Errorf("%d strokes without histograms, want none", len(g.strokes))
	}
	if len(g.texts) != 1 {
		t.Errorf("texts %+v, want one message", g.texts)
	}
}

func TestPaintMassFailedFit(t *testing.T) {
	m := testMassPanels(false)
	m.fitErrs[1] = eval.ErrFitFailed
	var g recordingPen
	paintMass(&g, 800, 300, 1, m)
	want := "No fit: " + eval.ErrFitFailed.Error()
	if _, ok := g.text(want); !ok {
		t.Errorf("no message %q", want)
	}
}
