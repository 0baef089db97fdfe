//go:build js && wasm

package main

import "github.com/hexops/vecty"

// vecty 0.6.0 keeps a copy of each component after every render for
// SkipRender, and its default shallow copy includes the embedded
// vecty.Core, whose prevRenderComponent points at the copy before. The
// copies therefore form a chain that holds every past render, and the
// heap grew by about 200 kB/s while training re-rendered the readouts ten
// times a second. Each Copy below drops the Core of the copy, which
// SkipRender never reads.

// Copy implements vecty.Copier.
func (p *Page) Copy() vecty.Component {
	c := *p
	c.Core = vecty.Core{}
	return &c
}

// Copy implements vecty.Copier.
func (c *Controls) Copy() vecty.Component {
	d := *c
	d.Core = vecty.Core{}
	return &d
}

// Copy implements vecty.Copier.
func (b *Buttons) Copy() vecty.Component {
	c := *b
	c.Core = vecty.Core{}
	return &c
}

// Copy implements vecty.Copier.
func (r *Readouts) Copy() vecty.Component {
	c := *r
	c.Core = vecty.Core{}
	return &c
}

// Copy implements vecty.Copier.
func (f *MapFigure) Copy() vecty.Component {
	c := *f
	c.Core = vecty.Core{}
	return &c
}

// Copy implements vecty.Copier.
func (c *Charts) Copy() vecty.Component {
	d := *c
	d.Core = vecty.Core{}
	return &d
}
