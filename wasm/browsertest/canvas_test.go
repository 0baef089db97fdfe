//go:build !js

package browsertest

import (
	"encoding/json"
	"fmt"
)

// mapCanvasID is the id of the decision-map canvas, one pixel per grid
// cell.
const mapCanvasID = "map-canvas"

// colourCounts is the number of pixels of a canvas in each colour class.
type colourCounts struct {
	Width       int `json:"width"`
	Height      int `json:"height"`
	Grey        int `json:"grey"`
	Blue        int `json:"blue"`
	Orange      int `json:"orange"`
	Other       int `json:"other"`
	Transparent int `json:"transparent"`
}

// String formats the counts for a failure message.
func (c colourCounts) String() string {
	return fmt.Sprintf("%d×%d pixels: %d grey, %d blue, %d orange, %d other, %d transparent",
		c.Width, c.Height, c.Grey, c.Blue, c.Orange, c.Other, c.Transparent)
}

// fraction returns n as a share of all pixels.
func (c colourCounts) fraction(n int) float64 {
	total := c.Width * c.Height
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}

// countColoursJS draws the canvas with the id given as the first argument
// into an offscreen 2D context, whatever context the page drew it with,
// and classifies each pixel by hue, saturation and value:
//
//	grey    saturation < 0.15, value from 50 to 230 (not white, not black)
//	blue    hue 180° to 260°, saturation ≥ 0.15
//	orange  hue 10° to 50°, saturation ≥ 0.15
//
// Blends of a class colour with white or with the other colours in the
// same hue range count as that class, so the page may shade cells by
// confidence.
const countColoursJS = `(function (id) {
	const canvas = document.getElementById(id);
	if (!canvas) {
		throw new Error("no element with id " + id);
	}
	const off = document.createElement("canvas");
	off.width = canvas.width;
	off.height = canvas.height;
	const counts = {width: off.width, height: off.height,
		grey: 0, blue: 0, orange: 0, other: 0, transparent: 0};
	if (off.width === 0 || off.height === 0) {
		return JSON.stringify(counts);
	}
	const g = off.getContext("2d");
	g.drawImage(canvas, 0, 0);
	const d = g.getImageData(0, 0, off.width, off.height).data;
	for (let i = 0; i < d.length; i += 4) {
		if (d[i + 3] === 0) {
			counts.transparent++;
			continue;
		}
		const r = d[i], gr = d[i + 1], b = d[i + 2];
		const max = Math.max(r, gr, b), min = Math.min(r, gr, b);
		const sat = max === 0 ? 0 : (max - min) / max;
		if (sat < 0.15) {
			if (max >= 50 && max <= 230) {
				counts.grey++;
			} else {
				counts.other++;
			}
			continue;
		}
		let hue;
		const c = max - min;
		if (max === r) {
			hue = 60 * (((gr - b) / c + 6) % 6);
		} else if (max === gr) {
			hue = 60 * ((b - r) / c + 2);
		} else {
			hue = 60 * ((r - gr) / c + 4);
		}
		if (hue >= 180 && hue <= 260) {
			counts.blue++;
		} else if (hue >= 10 && hue <= 50) {
			counts.orange++;
		} else {
			counts.other++;
		}
	}
	return JSON.stringify(counts);
})`

// countColours counts the pixels of the canvas with the given id.
func (p *page) countColours(id string) colourCounts {
	p.t.Helper()
	text := evalJS[string](p, countColoursJS+"("+jsString(id)+")")
	var c colourCounts
	if err := json.Unmarshal([]byte(text), &c); err != nil {
		p.t.Fatalf("decoding the colour counts %s: %v", text, err)
	}
	return c
}

// canvasHashJS returns an FNV-1a hash of the pixels of the canvas with the
// id given as the first argument, to tell whether its drawing changed.
const canvasHashJS = `(function (id) {
	const canvas = document.getElementById(id);
	if (!canvas) {
		throw new Error("no element with id " + id);
	}
	if (canvas.width === 0 || canvas.height === 0) {
		return 0;
	}
	const off = document.createElement("canvas");
	off.width = canvas.width;
	off.height = canvas.height;
	const g = off.getContext("2d");
	g.drawImage(canvas, 0, 0);
	const d = g.getImageData(0, 0, off.width, off.height).data;
	let h = 0x811c9dc5;
	for (let i = 0; i < d.length; i++) {
		h = Math.imul(h ^ d[i], 0x01000193) >>> 0;
	}
	return h;
})`

// canvasHash returns a hash of the pixels of the canvas with the given id.
func (p *page) canvasHash(id string) uint32 {
	p.t.Helper()
	return evalJS[uint32](p, canvasHashJS+"("+jsString(id)+")")
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
