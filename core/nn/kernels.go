package nn

// The kernels below are the inner loops of training and inference. Each
// handles one layer for a block of events, so one call covers many events.
// Each reslices its operands to exact lengths, so the compiler drops the
// bounds checks from the inner loops. They work on lists of the positive
// ReLU outputs of a layer: about half of the outputs are zero, and a list
// walks past them without a branch per element, which the CPU would
// mispredict about half of the time.

// forwardLayer computes one dense layer for the events of a block: for
// event i, z_i = b + Σ a_i[k]·w[k] over the inputs k in its list
// nz[i·in : i·in+count[i]], w[k] the row k of the in×out weight matrix w
// and out = len(b). a and z hold the events' inputs and outputs row after
// row. When nzNext is not nil the layer is hidden: it writes the indices
// of the positive outputs of event i to nzNext[i·out:] and their number
// to countNext[i]. That list is its ReLU: the layers above read a hidden
// activation only through it, so negative outputs are left in place
// instead of being set to 0.
//
// Each pass over z_i adds eight weight rows, then four, then the last
// zero to three. So z_i is loaded and stored once per eight inputs. The
// first pass starts from b.
func forwardLayer(w, b []float64, in int, a []float64, nz, count []int32, z []float64, nzNext, countNext []int32) {
	out := len(b)
	for i, c := range count {
		zi := z[i*out : (i+1)*out : (i+1)*out]
		ai := a[i*in : (i+1)*in : (i+1)*in]
		list := nz[i*in : i*in+int(c)]
		src := b
		for len(list) >= 8 {
			g := list[:8:8]
			a0, a1, a2, a3 := ai[g[0]], ai[g[1]], ai[g[2]], ai[g[3]]
			a4, a5, a6, a7 := ai[g[4]], ai[g[5]], ai[g[6]], ai[g[7]]
			w0 := w[int(g[0])*out:][:out]
			w1 := w[int(g[1])*out:][:out]
			w2 := w[int(g[2])*out:][:out]
			w3 := w[int(g[3])*out:][:out]
			w4 := w[int(g[4])*out:][:out]
			w5 := w[int(g[5])*out:][:out]
			w6 := w[int(g[6])*out:][:out]
			w7 := w[int(g[7])*out:][:out]
			s := src[:out]
			for j := range zi {
				zi[j] = s[j] + (a0*w0[j] + a1*w1[j] + a2*w2[j] + a3*w3[j]) +
					(a4*w4[j] + a5*w5[j] + a6*w6[j] + a7*w7[j])
			}
			src = zi
			list = list[8:]
		}
		if len(list) >= 4 {
			g := list[:4:4]
			a0, a1, a2, a3 := ai[g[0]], ai[g[1]], ai[g[2]], ai[g[3]]
			w0 := w[int(g[0])*out:][:out]
			w1 := w[int(g[1])*out:][:out]
			w2 := w[int(g[2])*out:][:out]
			w3 := w[int(g[3])*out:][:out]
			s := src[:out]
			for j := range zi {
				zi[j] = s[j] + a0*w0[j] + a1*w1[j] + a2*w2[j] + a3*w3[j]
			}
			src = zi
			list = list[4:]
		}
		// The last pass adds the remaining zero to three rows, padded with
		// zero coefficients, and for a hidden layer lists the positive
		// outputs.
		s := src[:out]
		var a0, a1, a2 float64
		w0, w1, w2 := w[:out], w[:out], w[:out]
		switch len(list) {
		case 3:
			a2, w2 = ai[list[2]], w[int(list[2])*out:][:out]
			fallthrough
		case 2:
			a1, w1 = ai[list[1]], w[int(list[1])*out:][:out]
			fallthrough
		case 1:
			a0, w0 = ai[list[0]], w[int(list[0])*out:][:out]
		}
		if nzNext == nil {
			for j := range zi {
				zi[j] = s[j] + a0*w0[j] + a1*w1[j] + a2*w2[j]
			}
			continue
		}
		next := nzNext[i*out : (i+1)*out : (i+1)*out]
		positive := 0
		for j := range zi {
			v := s[j] + a0*w0[j] + a1*w1[j] + a2*w2[j]
			zi[j] = v
			next[positive] = int32(j)
			if v > 0 {
				positive++
			}
		}
		countNext[i] = int32(positive)
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

// backwardLayer backpropagates the events of a block through one dense
// layer of in inputs and out outputs. The output derivatives of event i
// are dz[i·out : i·out+n_i], one for each output in its list
// nzOut[i·out : i·out+n_i], n_i = countOut[i]; when nzOut is nil every
// output has one and n_i = out. The inputs to visit are those in the
// event's list nzIn[i·in : i·in+countIn[i]]. For each such input k the
// layer adds a_i[k]·dz_i to row k of the weight gradient g. When da is not
// nil it also writes w[k]·dz_i, the derivative with respect to that input,
// to da in the same compact layout. It adds dz_i to the bias gradient gb
// when gb is not nil. Only the nonzero derivatives are visited, which for
// ReLU layers halves the work of a dense pass again.
func backwardLayer(w, g, gb []float64, in, out int, a []float64, nzIn, countIn, nzOut, countOut []int32, dz, da []float64) {
	for i, cIn := range countIn {
		ai := a[i*in : (i+1)*in : (i+1)*in]
		listIn := nzIn[i*in : i*in+int(cIn)]
		if nzOut == nil {
			d := dz[i*out : (i+1)*out : (i+1)*out]
			if gb != nil {
				gbo := gb[:out]
				for j, v := range d {
					gbo[j] += v
				}
			}
			var dai []float64
			if da != nil {
				dai = da[i*in : i*in+len(listIn)]
			}
			for c, k32 := range listIn {
				k := int(k32)
				ak := ai[k]
				gk := g[k*out:][:out]
				if dai == nil {
					for j, v := range d {
						gk[j] += ak * v
					}
					continue
				}
				wk := w[k*out:][:out]
				s := 0.0
				for j, v := range d {
					s += wk[j] * v
					gk[j] += ak * v
				}
				dai[c] = s
			}
			continue
		}
		n := int(countOut[i])
		listOut := nzOut[i*out : i*out+n]
		d := dz[i*out : i*out+n]
		if gb != nil {
			for c, j := range listOut {
				gb[j] += d[c]
			}
		}
		if da == nil {
			for _, k32 := range listIn {
				k := int(k32)
				ak := ai[k]
				gk := g[k*out:][:out]
				for c, j := range listOut {
					gk[j] += ak * d[c]
				}
			}
			continue
		}
		dai := da[i*in : i*in+len(listIn)]
		for c, k32 := range listIn {
			k := int(k32)
			ak := ai[k]
			wk := w[k*out:][:out]
			gk := g[k*out:][:out]
			var s0, s1 float64
			e := 0
			for ; e+2 <= len(listOut); e += 2 {
				j0, j1 := listOut[e], listOut[e+1]
				d0, d1 := d[e], d[e+1]
				s0 += wk[j0] * d0
				s1 += wk[j1] * d1
				gk[j0] += ak * d0
				gk[j1] += ak * d1
			}
			if e < len(listOut) {
				j := listOut[e]
				s0 += wk[j] * d[e]
				gk[j] += ak * d[e]
			}
			dai[c] = s0 + s1
		}
	}
}
