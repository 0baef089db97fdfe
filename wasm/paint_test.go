package main

import (
	"math"
	"testing"
	"time"
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
