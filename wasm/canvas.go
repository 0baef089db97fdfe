//go:build js && wasm

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// The charts draw on the 2D context of honnef.co/go/js/dom/v2 through pen.
var _ pen = (*dom.CanvasRenderingContext2D)(nil)

// canvasLayer is one canvas element of the page and its 2D context. A
// canvas that shows pixels computed in Go gets them from raster with one
// js.CopyBytesToJS into an ImageData and one PutImageData. The charts
// draw their lines and text through the context's methods.
//
// NOTE: dom/v2's ImageData.Set makes ten or more JavaScript calls per
// pixel, and its SetNRGBA panics for every in-range pixel because its
// bound check reads a misspelt property (version 20231112), so neither is
// used.
type canvasLayer struct {
	id     string
	el     *dom.HTMLCanvasElement
	ctx    *dom.CanvasRenderingContext2D
	raster Raster
	// img is an ImageData of the backing store's size and data its pixel
	// array; both are remade only when that size changes.
	img  *dom.ImageData
	data js.Value
	w, h int
}

// attach finds the canvas by id in doc and reports whether it is in the
// page.
func (c *canvasLayer) attach(doc js.Value) bool {
	// dom/v2 has no isConnected, clientWidth or clientHeight, so those
	// are read from the element's js.Value.
	if c.el != nil && c.el.Get("isConnected").Bool() {
		return true
	}
	v := doc.Call("getElementById", c.id)
	if !v.Truthy() || !v.InstanceOf(canvasClass) {
		return false
	}
	c.el = wrapCanvas(v)
	c.ctx = c.el.GetContext2d()
	c.img = nil
	c.w, c.h = 0, 0
	return true
}

// canvasClass is the HTMLCanvasElement constructor of the page.
var canvasClass = js.Global().Get("HTMLCanvasElement")

// wrapCanvas returns the canvas element v as a dom/v2 element. It builds
// the wrapper itself because dom/v2's Document.GetElementByID picks the
// wrapper type in a switch over every HTML element type, which keeps all
// their methods in the binary: about 130 KB of the gzipped page, measured
// with make size.
func wrapCanvas(v js.Value) *dom.HTMLCanvasElement {
	return &dom.HTMLCanvasElement{BasicHTMLElement: &dom.BasicHTMLElement{
		BasicElement: &dom.BasicElement{BasicNode: &dom.BasicNode{Value: v}}}}
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
	c.el.SetWidth(w)
	c.el.SetHeight(h)
	c.img = nil
}

// put copies the raster, which must be the backing store's size, to the
// canvas.
func (c *canvasLayer) put() {
	if c.raster.W != c.w || c.raster.H != c.h {
		return
	}
	if c.img == nil {
		c.img = c.ctx.CreateImageData(c.w, c.h)
		c.data = c.img.Data()
	}
	js.CopyBytesToJS(c.data, c.raster.Pix)
	c.ctx.PutImageData(c.img, 0, 0)
}
