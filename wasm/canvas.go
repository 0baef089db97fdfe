//go:build js && wasm

package main

import "syscall/js"

// canvasLayer is one canvas element drawn from a Go Raster: the pixels go
// over with one js.CopyBytesToJS and one putImageData, then a few
// fillText calls add the labels.
type canvasLayer struct {
	id     string
	el     js.Value
	ctx    js.Value
	raster Raster
	// buf is a Uint8ClampedArray of the raster's size and img the
	// ImageData that wraps it; both are remade only when the size changes.
	buf js.Value
	img js.Value
	w   int
	h   int
	// labels is reused between draws.
	labels []textItem
	font   string
}

// attach finds the canvas by id and reports whether it is in the page.
func (c *canvasLayer) attach() bool {
	if c.el.Truthy() && c.el.Get("isConnected").Bool() {
		return true
	}
	el := js.Global().Get("document").Call("getElementById", c.id)
	if !el.Truthy() {
		return false
	}
	c.el = el
	c.ctx = el.Call("getContext", "2d")
	c.w, c.h = 0, 0
	return true
}

// cssSize returns the canvas's size in CSS pixels.
func (c *canvasLayer) cssSize() (w, h float64) {
	return c.el.Get("clientWidth").Float(), c.el.Get("clientHeight").Float()
}

// size sets the backing store to w × h pixels, which clears the canvas,
// when it differs.
func (c *canvasLayer) size(w, h int) {
	w, h = max(w, 1), max(h, 1)
	if w == c.w && h == c.h {
		return
	}
	c.w, c.h = w, h
	c.el.Set("width", w)
	c.el.Set("height", h)
	c.buf = js.Global().Get("Uint8ClampedArray").New(4 * w * h)
	c.img = js.Global().Get("ImageData").New(c.buf, w, h)
}

// put copies the raster, which must be the backing store's size, to the
// canvas and draws the labels over it.
func (c *canvasLayer) put(labels []textItem, scale float64) {
	if c.raster.W != c.w || c.raster.H != c.h {
		return
	}
	js.CopyBytesToJS(c.buf, c.raster.Pix)
	c.ctx.Call("putImageData", c.img, 0, 0)
	if len(labels) == 0 {
		return
	}
	c.font = itoa(int(11*scale+0.5)) + "px system-ui, sans-serif"
	c.ctx.Set("font", c.font)
	c.ctx.Set("textBaseline", "middle")
	ink := cssColour(inkColour)
	// Each property is set only when it changes, because every set is a
	// call into JavaScript.
	colour, align := "", ""
	for _, t := range labels {
		want := t.Colour
		if want == "" {
			want = ink
		}
		if want != colour {
			colour = want
			c.ctx.Set("fillStyle", colour)
		}
		if t.Align != align {
			align = t.Align
			c.ctx.Set("textAlign", align)
		}
		if t.Vertical {
			c.ctx.Call("save")
			c.ctx.Call("translate", t.X, t.Y)
			c.ctx.Call("rotate", -1.5707963267948966)
			c.ctx.Call("fillText", t.Text, 0, 0)
			c.ctx.Call("restore")
			continue
		}
		c.ctx.Call("fillText", t.Text, t.X, t.Y)
	}
}
