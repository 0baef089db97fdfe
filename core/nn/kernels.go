package nn

// The kernels below are the inner loops of training and inference. Each
// reslices its operands to one exact length first, so the compiler drops
// the bounds checks from the inner loops, and each works on a list of the
// nonzero inputs of a layer: about half of the ReLU outputs are zero, and
// a list walks past them without a branch per element, which the CPU
// would mispredict about half of the time.

func denseForward(w, a []float64, nz []int32, z []float64) {
	out := len(z)
	i := 0
	for ; i+4 <= len(nz); i += 4 {
		k0, k1, k2, k3 := int(nz[i]), int(nz[i+1]), int(nz[i+2]), int(nz[i+3])
		a0, a1, a2, a3 := a[k0], a[k1], a[k2], a[k3]
		w0 := w[k0*out:][:out]
		w1 := w[k1*out:][:out]
		w2 := w[k2*out:][:out]
		w3 := w[k3*out:][:out]
		for j := range z {
			z[j] += a0*w0[j] + a1*w1[j] + a2*w2[j] + a3*w3[j]
		}
	}
	for ; i < len(nz); i++ {
		k := int(nz[i])
		ak := a[k]
		wk := w[k*out:][:out]
		for j := range z {
			z[j] += ak * wk[j]
		}
	}
}

func reluCompact(z []float64, nz []int32) int32 {
	nz = nz[:len(z)]
	c := 0
	for k, v := range z {
		if v < 0 {
			v = 0
		}
		z[k] = v
		nz[c] = int32(k)
		if v > 0 {
			c++
		}
	}
	return int32(c)
}

// sparseBackward backpropagates one event through a layer of out outputs
// whose output derivatives are zero except at the outputs nzOut, where
// they are dz (dz[c] belongs to output nzOut[c]). For every input k in
// nzIn it adds a[k]·dz to row k of the weight gradient g and, when da is
// not nil, sets da[c] to the derivative with respect to input nzIn[c],
// w[k]·dz. Only the nonzero derivatives are visited, which for ReLU
// layers halves the work of a dense pass again.
func sparseBackward(w, g, a []float64, out int, nzIn, nzOut []int32, dz, da []float64) {
	dz = dz[:len(nzOut)]
	if da == nil {
		for _, k32 := range nzIn {
			k := int(k32)
			ak := a[k]
			gk := g[k*out:][:out]
			for c, j := range nzOut {
				gk[j] += ak * dz[c]
			}
		}
		return
	}
	da = da[:len(nzIn)]
	for i, k32 := range nzIn {
		k := int(k32)
		ak := a[k]
		wk := w[k*out:][:out]
		gk := g[k*out:][:out]
		var s0, s1 float64
		c := 0
		for ; c+2 <= len(nzOut); c += 2 {
			j0, j1 := nzOut[c], nzOut[c+1]
			d0, d1 := dz[c], dz[c+1]
			s0 += wk[j0] * d0
			s1 += wk[j1] * d1
			gk[j0] += ak * d0
			gk[j1] += ak * d1
		}
		if c < len(nzOut) {
			j := nzOut[c]
			s0 += wk[j] * dz[c]
			gk[j] += ak * dz[c]
		}
		da[i] = s0 + s1
	}
}

// compactNonzero writes the indices of the nonzero elements of x to nz and
// returns their number.
func compactNonzero(x []float64, nz []int32) int32 {
	nz = nz[:len(x)]
	c := 0
	for k, v := range x {
		nz[c] = int32(k)
		if v != 0 {
			c++
		}
	}
	return int32(c)
}

// add adds x to y. x must be at least as long as y.
func add(x, y []float64) {
	x = x[:len(y)]
	for i, v := range x {
		y[i] += v
	}
}

// dot returns the inner product of x and y. x must be at least as long as y.
func dot(x, y []float64) float64 {
	x = x[:len(y)]
	s := 0.0
	for i, v := range y {
		s += x[i] * v
	}
	return s
}
