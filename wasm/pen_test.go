package main

import (
	"math"
	"testing"
)

// segment is one straight piece of a recorded path.
type segment struct{ x0, y0, x1, y1 float64 }

// strokeCall is one recorded Stroke with the path it drew.
type strokeCall struct {
	style string
	width int
	segs  []segment
}

// rectCall is one recorded FillRect.
type rectCall struct {
	style      string
	x, y, w, h float64
}

// textCall is one recorded FillText. Turned is true inside a Save and
// Restore pair that rotated the context.
type textCall struct {
	text, style, align string
	x, y               float64
	turned             bool
}

// recordingPen is a pen that records what a painter draws, in canvas
// pixels, instead of drawing it.
type recordingPen struct {
	fill, stroke    string
	width           int
	font, baseline  string
	align           string
	path            []segment
	atX, atY        float64
	strokes         []strokeCall
	rects           []rectCall
	texts           []textCall
	saved, rotated  int
	unbalancedSaves bool
}

func (r *recordingPen) SetFillStyle(v string)    { r.fill = v }
func (r *recordingPen) SetStrokeStyle(v string)  { r.stroke = v }
func (r *recordingPen) SetLineWidth(v int)       { r.width = v }
func (r *recordingPen) SetFont(v string)         { r.font = v }
func (r *recordingPen) SetTextAlign(v string)    { r.align = v }
func (r *recordingPen) SetTextBaseline(v string) { r.baseline = v }
func (r *recordingPen) ClearRect(x, y, w, h float64) {
	r.rects = append(r.rects, rectCall{"clear", x, y, w, h})
}
func (r *recordingPen) FillRect(x, y, w, h float64) {
	r.rects = append(r.rects, rectCall{r.fill, x, y, w, h})
}
func (r *recordingPen) BeginPath()          { r.path = nil }
func (r *recordingPen) MoveTo(x, y float64) { r.atX, r.atY = x, y }
func (r *recordingPen) LineTo(x, y float64) {
	r.path = append(r.path, segment{r.atX, r.atY, x, y})
	r.atX, r.atY = x, y
}
func (r *recordingPen) Stroke() {
	r.strokes = append(r.strokes, strokeCall{r.stroke, r.width, r.path})
}
func (r *recordingPen) FillText(text string, x, y, maxWidth float64) {
	r.texts = append(r.texts, textCall{text, r.fill, r.align, x, y, r.rotated > 0})
}
func (r *recordingPen) Save() { r.saved++ }
func (r *recordingPen) Restore() {
	if r.saved == 0 {
		r.unbalancedSaves = true
		return
	}
	r.saved--
	r.rotated = min(r.rotated, r.saved)
}
func (r *recordingPen) Translate(x, y float64) {}
func (r *recordingPen) Rotate(angle float64)   { r.rotated = r.saved }

// text returns the first recorded text equal to s.
func (r *recordingPen) text(s string) (textCall, bool) {
	for _, t := range r.texts {
		if t.text == s {
			return t, true
		}
	}
	return textCall{}, false
}

// strokesIn returns the strokes of the given style.
func (r *recordingPen) strokesIn(style string) []strokeCall {
	var out []strokeCall
	for _, s := range r.strokes {
		if s.style == style {
			out = append(out, s)
		}
	}
	return out
}

// rectsIn returns the filled rectangles of the given style.
func (r *recordingPen) rectsIn(style string) []rectCall {
	var out []rectCall
	for _, c := range r.rects {
		if c.style == style {
			out = append(out, c)
		}
	}
	return out
}

func TestAxesDrawsCrispFrame(t *testing.T) {
	for _, scale := range []float64{1, 2} {
		var g recordingPen
		p := plotArea{L: 40.3, T: 10, W: 200, H: 100, X0: 0, X1: 1, Y0: -2, Y1: 2}
		axes(&g, p, scale, axisStyle{xTitle: "x₁", yTitle: "x₂"})
		frames := g.strokesIn(frameCSS)
		if len(frames) != 1 {
			t.Fatalf("scale %g: %d frame strokes, want 1", scale, len(frames))
		}
		width := frames[0].width
		if want := lineWidth(1, scale); width != want {
			t.Errorf("scale %g: frame width %d, want %d", scale, width, want)
		}
		for _, s := range frames[0].segs {
			// A vertical line must sit on a pixel's middle for an odd
			// width and on a pixel edge for an even one.
			if s.x0 == s.x1 && s.x0 != crisp(s.x0, width) {
				t.Errorf("scale %g: vertical line at x %g is not on the pixel grid", scale, s.x0)
			}
			if s.y0 == s.y1 && s.y0 != crisp(s.y0, width) {
				t.Errorf("scale %g: horizontal line at y %g is not on the pixel grid", scale, s.y0)
			}
		}
		for _, want := range []string{"0", "0.4", "1", "-2", "2", "x₁"} {
			if _, ok := g.text(want); !ok {
				t.Errorf("scale %g: no label %q", scale, want)
			}
		}
		if title, ok := g.text("x₂"); !ok || !title.turned {
			t.Errorf("scale %g: y title %+v (found %v), want it turned", scale, title, ok)
		}
		if g.saved != 0 || g.unbalancedSaves {
			t.Errorf("scale %g: Save and Restore unbalanced", scale)
		}
	}
}

func TestCSSColourAlpha(t *testing.T) {
	cases := []struct {
		c    RGBA
		want string
	}{
		{RGBA{1, 2, 3, 255}, "rgb(1,2,3)"},
		{RGBA{0, 0, 0, 51}, "rgba(0,0,0,0.200)"},
		{RGBA{255, 255, 255, 0}, "rgba(255,255,255,0.000)"},
	}
	for _, tc := range cases {
		if got := cssColour(tc.c); got != tc.want {
			t.Errorf("cssColour(%v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}

func TestCrispCoversWholePixels(t *testing.T) {
	cases := []struct {
		v     float64
		width int
		want  float64
	}{
		{10.2, 1, 10.5},
		{10.9, 1, 10.5},
		{10.2, 2, 10},
		{10.6, 2, 11},
		{-0.3, 3, -0.5},
	}
	for _, tc := range cases {
		if got := crisp(tc.v, tc.width); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("crisp(%g, %d) = %g, want %g", tc.v, tc.width, got, tc.want)
		}
	}
}
