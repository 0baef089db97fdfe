package main

import (
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/nn"
)

// Colours of the decision map, as the original study's figures use them:
// light blue for background, light orange for signal and grey for
// relegated. pointColours colour the training points drawn over the map,
// darker blue for background and orange for signal.
var (
	mapColours = [3]RGBA{
		nn.ClassBackground: {142, 170, 248, 255},
		nn.ClassSignal:     {255, 200, 148, 255},
		nn.ClassRelegated:  {189, 189, 189, 255},
	}
	pointColours = [2]RGBA{
		data.Background: {31, 119, 180, 150},
		data.Signal:     {255, 127, 14, 150},
	}
)

// paintMap writes the decision map into r, one pixel per cell, shading
// each cell towards white as the model grows less sure of its class.
func paintMap(r *Raster, m *decisionMap) {
	r.Resize(m.NX, m.NY)
	for i, c := range m.Class {
		col := mapColours[c]
		// sure is 1 for a signal probability of 0 or 1 and 0 at 0.5; a
		// relegated cell keeps its grey.
		sure := 2*m.PSig[i] - 1
		if sure < 0 {
			sure = -sure
		}
		if c == nn.ClassRelegated {
			sure = 1
		}
		fade := 0.35 * (1 - sure)
		p := r.Pix[4*i : 4*i+4 : 4*i+4]
		p[0] = uint8(float64(col.R) + fade*float64(255-int(col.R)))
		p[1] = uint8(float64(col.G) + fade*float64(255-int(col.G)))
		p[2] = uint8(float64(col.B) + fade*float64(255-int(col.B)))
		p[3] = 255
	}
}

// paintPoints draws the events of d as small discs of radius pixels into
// the plot area p of r, background first so that the rarer signal shows.
func paintPoints(r *Raster, d *data.Dataset, p plotArea, radius float64) {
	nf := d.NFeatures
	for _, class := range []int{data.Background, data.Signal} {
		col := pointColours[class]
		for i, label := range d.Label {
			if label != class {
				continue
			}
			x, y := d.X[i*nf], d.X[i*nf+1]
			u, v := p.px(x), p.py(y)
			if u < p.L || u > p.L+p.W || v < p.T || v > p.T+p.H {
				continue
			}
			r.Disc(u, v, radius, col)
		}
	}
}
