package main

// Raster is an RGBA image in a Go byte slice, laid out like
// image.RGBA.Pix: the pixel at (x, y) starts at Pix[4*(y*W+x)], with
// non-premultiplied red, green, blue and alpha bytes, which is the layout
// of a canvas ImageData. It is copied to the page with one
// js.CopyBytesToJS and drawn with one putImageData.
type Raster struct {
	W, H int
	Pix  []byte
}

// RGBA is a colour with non-premultiplied alpha.
type RGBA struct{ R, G, B, A uint8 }

// Resize sets the size to w × h, reusing Pix when it is large enough.
func (r *Raster) Resize(w, h int) {
	if w < 0 {
		w = 0
	}
	if h < 0 {
		h = 0
	}
	r.W, r.H = w, h
	n := 4 * w * h
	if cap(r.Pix) < n {
		r.Pix = make([]byte, n)
	}
	r.Pix = r.Pix[:n]
}

// Clear sets every pixel to c.
func (r *Raster) Clear(c RGBA) {
	p := r.Pix
	for i := 0; i+3 < len(p); i += 4 {
		p[i], p[i+1], p[i+2], p[i+3] = c.R, c.G, c.B, c.A
	}
}

// Blend draws c over the pixel at (x, y) with the "source over" rule;
// points outside the raster are ignored.
func (r *Raster) Blend(x, y int, c RGBA) {
	if x < 0 || y < 0 || x >= r.W || y >= r.H || c.A == 0 {
		return
	}
	i := 4 * (y*r.W + x)
	p := r.Pix[i : i+4 : i+4]
	if c.A == 255 || p[3] == 0 {
		p[0], p[1], p[2], p[3] = c.R, c.G, c.B, c.A
		return
	}
	// Non-premultiplied source over:
	//
	//	a = as + ad (1 - as)
	//	c = (cs as + cd ad (1 - as)) / a
	as := uint32(c.A)
	ad := uint32(p[3]) * (255 - as) / 255
	a := as + ad
	p[0] = uint8((uint32(c.R)*as + uint32(p[0])*ad) / a)
	p[1] = uint8((uint32(c.G)*as + uint32(p[1])*ad) / a)
	p[2] = uint8((uint32(c.B)*as + uint32(p[2])*ad) / a)
	p[3] = uint8(a)
}

// Disc blends a filled disc of the given radius in pixels centred at
// (cx, cy) over the raster.
func (r *Raster) Disc(cx, cy, radius float64, c RGBA) {
	x0, x1 := int(cx-radius), int(cx+radius)+1
	y0, y1 := int(cy-radius), int(cy+radius)+1
	r2 := radius * radius
	for y := y0; y <= y1; y++ {
		dy := float64(y) + 0.5 - cy
		for x := x0; x <= x1; x++ {
			dx := float64(x) + 0.5 - cx
			if dx*dx+dy*dy <= r2 {
				r.Blend(x, y, c)
			}
		}
	}
}
