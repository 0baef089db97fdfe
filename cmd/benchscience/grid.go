package main

import (
	"fmt"
	"strconv"
	"strings"
)

// Point is one configuration of the moons benchmark that the sweeps vary:
// the noise of the moons, the rotation of the background moon and the
// signal fraction of the analysis sample.
type Point struct {
	Noise, Angle, SigFraction float64
}

// String returns the point as "noise/f", the form -points reads.
func (p Point) String() string {
	return strconv.FormatFloat(p.Noise, 'g', -1, 64) + "/" + strconv.FormatFloat(p.SigFraction, 'g', -1, 64)
}

// The sweeps of the seed's published study: the signal fraction at noise
// 0.2, and the noise at a signal fraction of 0.018, both at angle 1.4.
const (
	sweepAngle    = 1.4
	fSweepNoise   = 0.2
	noiseSweepSig = 0.018
)

// fSweep are the signal fractions of the first sweep, about five per decade
// from 0.001 to 0.1.
var fSweep = []float64{0.001, 0.0018, 0.0032, 0.0056, 0.01, 0.0178, 0.0316, 0.0562, 0.1}

// noiseSweep are the noise widths of the second sweep.
var noiseSweep = []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}

// FullGrid returns the points of both sweeps: the signal-fraction sweep,
// then the noise sweep.
func FullGrid() []Point {
	pts := make([]Point, 0, len(fSweep)+len(noiseSweep))
	for _, f := range fSweep {
		pts = append(pts, Point{Noise: fSweepNoise, Angle: sweepAngle, SigFraction: f})
	}
	for _, n := range noiseSweep {
		pts = append(pts, Point{Noise: n, Angle: sweepAngle, SigFraction: noiseSweepSig})
	}
	return pts
}

// QuickGrid returns three points that span the grid: the rarest signal,
// the reference configuration and a noise where the moons overlap.
func QuickGrid() []Point {
	return []Point{
		{Noise: fSweepNoise, Angle: sweepAngle, SigFraction: 0.001},
		{Noise: fSweepNoise, Angle: sweepAngle, SigFraction: 0.01},
		{Noise: 0.5, Angle: sweepAngle, SigFraction: noiseSweepSig},
	}
}

// ParsePoints reads a comma-separated list of "noise/f" points at angle
// 1.4, such as "0.2/0.001,0.5/0.018".
func ParsePoints(s string) ([]Point, error) {
	var pts []Point
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		noiseText, fText, ok := strings.Cut(item, "/")
		if !ok {
			return nil, fmt.Errorf("point %q: want noise/f, such as 0.2/0.01", item)
		}
		noise, err := strconv.ParseFloat(noiseText, 64)
		if err != nil || !(noise >= 0) {
			return nil, fmt.Errorf("point %q: noise %q must be a number ≥ 0", item, noiseText)
		}
		f, err := strconv.ParseFloat(fText, 64)
		if err != nil || !(f > 0 && f < 1) {
			return nil, fmt.Errorf("point %q: signal fraction %q must be a number in (0, 1)", item, fText)
		}
		pts = append(pts, Point{Noise: noise, Angle: sweepAngle, SigFraction: f})
	}
	if len(pts) == 0 {
		return nil, fmt.Errorf("points %q: list at least one noise/f point", s)
	}
	return pts, nil
}
