package nn

import (
	"math/rand/v2"
	"testing"
)

// benchLayer returns a 40×40 layer's weights and a block of events whose
// inputs are half zero, as after a ReLU.
func benchLayer(n int) (w, b, a []float64, nz, count []int32) {
	const width = 40
	rng := rand.New(rand.NewPCG(1, 1))
	w = make([]float64, width*width)
	for i := range w {
		w[i] = 2*rng.Float64() - 1
	}
	b = make([]float64, width)
	a = make([]float64, n*width)
	nz = make([]int32, n*width)
	count = make([]int32, n)
	for i := range n {
		for k := range width {
			if rng.IntN(2) == 0 {
				a[i*width+k] = rng.Float64()
			}
		}
		count[i] = compactNonzero(a[i*width:(i+1)*width], nz[i*width:(i+1)*width])
	}
	return w, b, a, nz, count
}

// BenchmarkForwardLayer measures a hidden 40×40 layer on 64 events. The
// ns/madd metric divides by the multiply-adds of its positive inputs.
func BenchmarkForwardLayer(b *testing.B) {
	const n = 64
	w, bias, a, nz, count := benchLayer(n)
	z := make([]float64, n*40)
	nzNext := make([]int32, n*40)
	countNext := make([]int32, n)
	madds := 0
	for _, c := range count {
		madds += int(c) * 40
	}
	for range b.N {
		forwardLayer(w, bias, 40, a, nz, count, z, nzNext, countNext)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(madds), "ns/madd")
}

// BenchmarkBackwardLayer measures the gradient of a hidden 40×40 layer
// below another ReLU layer on 64 events. The ns/madd metric divides by
// the pairs of positive inputs and outputs it visits.
func BenchmarkBackwardLayer(b *testing.B) {
	const n = 64
	w, bias, a, nz, count := benchLayer(n)
	z := make([]float64, n*40)
	nzOut := make([]int32, n*40)
	countOut := make([]int32, n)
	forwardLayer(w, bias, 40, a, nz, count, z, nzOut, countOut)
	dz := make([]float64, n*40)
	for i := range dz {
		dz[i] = 0.1
	}
	g := make([]float64, 40*40)
	gb := make([]float64, 40)
	da := make([]float64, n*40)
	pairs := 0
	for i := range count {
		pairs += int(count[i]) * int(countOut[i])
	}
	for range b.N {
		backwardLayer(w, g, gb, 40, 40, a, nz, count, nzOut, countOut, dz, da)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pairs), "ns/madd")
}
