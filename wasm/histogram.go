package main

import (
	"math"
	"slices"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/nn"
)

// Series of a mass histogram.
const (
	seriesAll = iota
	seriesSignal
	seriesBackground
	nSeries
)

// massHistograms are the histograms of the feature of merit m of the
// analysis sample, before (Before) and after (After) the selection, each
// split into all events, signal and background, over NBins bins of
// [Lo, Hi]. An event with m outside [Lo, Hi] is not counted.
type massHistograms struct {
	NBins      int
	Lo, Hi     float64
	WindowLow  float64
	WindowHigh float64
	Before     [nSeries][]float64
	After      [nSeries][]float64
	// Valid reports whether the histograms were filled.
	Valid bool
}

// reset marks the histograms as empty.
func (h *massHistograms) reset() { h.Valid = false }

// fill bins the events of d, with the predicted classes class, using about
// sqrt(N)/2 bins over [c.MinFOM, c.MaxFOM] as the seed's figures do.
func (h *massHistograms) fill(d *data.Dataset, class []int, c config.Config) {
	n := d.Len()
	h.NBins = min(max(int(math.Sqrt(float64(n))/2), 10), 200)
	h.Lo, h.Hi = c.MinFOM, c.MaxFOM
	h.WindowLow, h.WindowHigh = c.WindowLow(), c.WindowHigh()
	for s := range nSeries {
		h.Before[s] = zeroed(h.Before[s], h.NBins)
		h.After[s] = zeroed(h.After[s], h.NBins)
	}
	width := (h.Hi - h.Lo) / float64(h.NBins)
	for i := 0; i < n; i++ {
		m := d.M[i]
		if !(m >= h.Lo && m <= h.Hi) {
			continue
		}
		bin := min(int((m-h.Lo)/width), h.NBins-1)
		w := 1.0
		if d.W != nil {
			w = d.W[i]
		}
		s := seriesBackground
		if d.Label[i] == data.Signal {
			s = seriesSignal
		}
		h.Before[seriesAll][bin] += w
		h.Before[s][bin] += w
		if class[i] == nn.ClassSignal {
			h.After[seriesAll][bin] += w
			h.After[s][bin] += w
		}
	}
	h.Valid = true
}

// zeroed returns s resized to n entries, all zero, reusing its storage.
func zeroed(s []float64, n int) []float64 {
	s = slices.Grow(s[:0], n)[:n]
	clear(s)
	return s
}
