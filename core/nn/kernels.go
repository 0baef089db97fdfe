package nn

// The kernels below are the inner loops of training and inference. Each
// reslices its operands to one exact length first, so the compiler drops
// the bounds checks, and handles four elements per iteration.

// axpy adds a*x to y. x must be at least as long as y.
func axpy(a float64, x, y []float64) {
	x = x[:len(y)]
	i := 0
	for ; i+4 <= len(y); i += 4 {
		yy := y[i : i+4 : i+4]
		xx := x[i : i+4 : i+4]
		yy[0] += a * xx[0]
		yy[1] += a * xx[1]
		yy[2] += a * xx[2]
		yy[3] += a * xx[3]
	}
	for ; i < len(y); i++ {
		y[i] += a * x[i]
	}
}

// dot returns the inner product of x and y. x must be at least as long as y.
func dot(x, y []float64) float64 {
	x = x[:len(y)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(y); i += 4 {
		yy := y[i : i+4 : i+4]
		xx := x[i : i+4 : i+4]
		s0 += xx[0] * yy[0]
		s1 += xx[1] * yy[1]
		s2 += xx[2] * yy[2]
		s3 += xx[3] * yy[3]
	}
	for ; i < len(y); i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// add adds x to y. x must be at least as long as y.
func add(x, y []float64) {
	x = x[:len(y)]
	i := 0
	for ; i+4 <= len(y); i += 4 {
		yy := y[i : i+4 : i+4]
		xx := x[i : i+4 : i+4]
		yy[0] += xx[0]
		yy[1] += xx[1]
		yy[2] += xx[2]
		yy[3] += xx[3]
	}
	for ; i < len(y); i++ {
		y[i] += x[i]
	}
}

// relu replaces every negative element of x by 0.
func relu(x []float64) {
	for i, v := range x {
		if v < 0 {
			x[i] = 0
		}
	}
}
