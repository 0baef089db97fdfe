package nn

import "testing"

func BenchmarkMicroForward(b *testing.B) {
	w := make([]float64, 40*40)
	a := make([]float64, 40)
	nz := make([]int32, 40)
	for i := range a {
		a[i] = 1
		w[i] = 0.001
	}
	nz = nz[:compactNonzero(a, nz)]
	z := make([]float64, 40)
	for range b.N {
		denseForward(w, a, nz, z)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1600, "ns/fma")
}

func BenchmarkMicroBackward(b *testing.B) {
	w := make([]float64, 40*40)
	g := make([]float64, 40*40)
	a := make([]float64, 40)
	nz := make([]int32, 40)
	dz := make([]float64, 40)
	da := make([]float64, 40)
	for i := range a {
		a[i] = 1
	}
	nz = nz[:compactNonzero(a, nz)]
	for range b.N {
		sparseBackward(w, g, a, 40, nz, nz, dz, da)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1600, "ns/fma")
}

func BenchmarkMicroLogits(b *testing.B) {
	tr := benchTrainer(b, 3000, 0)
	tr.Step()
	b.ResetTimer()
	for range b.N {
		tr.measure(&tr.trainEval)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/3000, "ns/event")
}

func BenchmarkMicroForwardTrain(b *testing.B) {
	tr := benchTrainer(b, 3000, 0)
	tr.Step()
	b.ResetTimer()
	for range b.N {
		tr.model.Net.forward(tr.acts, 3000)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/3000, "ns/event")
}

func BenchmarkMicroBackwardTrain(b *testing.B) {
	tr := benchTrainer(b, 3000, 0)
	tr.Step()
	b.ResetTimer()
	for range b.N {
		tr.model.Net.backward(tr.acts, tr.dOut, 3000, tr.gw, tr.gb, tr.work)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/3000, "ns/event")
}
