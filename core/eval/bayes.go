package eval

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/signif"
)

// BayesResult is the best expected significance that any selection on the
// features x can reach for one moons configuration.
type BayesResult struct {
	// Z is the best expected pass significance, PassSig and PassBkgd the
	// expected signal and background counts in the window at that cut.
	Z        float64 `json:"z"`
	PassSig  float64 `json:"pass_sig"`
	PassBkgd float64 `json:"pass_bkgd"`
	// EffSig and EffBkgd are the selection efficiencies on x at that cut.
	EffSig  float64 `json:"eff_sig"`
	EffBkgd float64 `json:"eff_bkgd"`
	// RawZ is the significance of every event in the window, RawSig and
	// RawBkgd its expected signal and background counts.
	RawZ    float64 `json:"raw_z"`
	RawSig  float64 `json:"raw_sig"`
	RawBkgd float64 `json:"raw_bkgd"`
	// Cells is the number of grid cells with nonzero mass that were ranked.
	Cells int `json:"cells"`
}

// BayesLimit computes the Bayes-optimal significance of moons
// configurations. It ranks grid cells of the feature plane by the true
// likelihood ratio of the two noisy moons and scans the cut on that ratio
// for the best expected significance.
//
// Each moon's density is the average over its arc of an isotropic Gaussian
// of width noise. The arc is sampled at midpoints in t. Each arc point adds
// its exact Gaussian mass per cell, a product of normal CDF differences in
// x1 and x2, to the cells within PadSigmas*noise of it. The cell masses are
// therefore exact up to the arc sampling and the truncation, and only the
// ranking depends on the cell size.
//
// The ranked cumulative masses depend only on noise, angle and the grid
// settings, so they are cached: a change of signal fraction, event count
// or window reuses them.
// A BayesLimit is not safe for concurrent use.
type BayesLimit struct {
	// CellsPerSigma is the number of grid cells per noise width along each
	// axis.
	CellsPerSigma float64
	// ArcStep is the spacing of the arc points along the arc, in units of
	// the noise width.
	ArcStep float64
	// PadSigmas is the distance, in noise widths, by which the grid extends
	// past the arcs and over which each arc point spreads its mass.
	PadSigmas float64
	// MaxCells is the largest grid. Small noise gets cells coarser than
	// CellsPerSigma sets once the grid would exceed it.
	MaxCells int

	// Cache of the ranked grid, valid for the settings in key.
	valid       bool
	key         bayesKey
	cumSig      []float64 // cumSig[k] is the signal mass of the k best cells
	cumBkgd     []float64 // cumBkgd[k] is the background mass of the k best cells
	sigDensity  []float64
	bkgdDensity []float64
	cells       []bayesCell
	profile     [2][]float64 // per-axis mass profiles of one arc point
}

// bayesKey is every setting that the ranked grid depends on.
type bayesKey struct {
	noise, angle                      float64
	cellsPerSigma, arcStep, padSigmas float64
	maxCells                          int
}

// bayesCell is one grid cell's signal and background mass and their ratio.
type bayesCell struct {
	ratio, sig, bkgd float64
}

// NewBayesLimit returns a BayesLimit with the default accuracy settings:
// 10 cells per noise width, arc points every quarter of a noise width, a
// padding of 6 noise widths and at most 250000 cells.
//
// The cell size sets the trade-off. The table below gives the largest
// shortfall of Z over the 19 configurations of the reference table, which
// span noise 0.1 to 1 and f 0.001 to 0.1. The time is that of one new noise
// value at noise 0.2, from BenchmarkBayesCells on a 2-core AMD EPYC with
// Go 1.26.
//
//	cells per sigma   max shortfall   time
//	 2                1.0%            0.4 ms
//	 4                0.25%           1.0 ms
//	 6                0.15%           2.1 ms
//	10                0.07%           5.2 ms
//
// The default keeps the shortfall near the rounding of the table, which
// gives Z to two decimals. Small noise costs more: about 10 ms natively
// and 40 ms under Node's WebAssembly at noise 0.02, where MaxCells starts
// to bind (BenchmarkBayes). A change of only the signal fraction, event
// count or window reuses the ranked grid and takes about 0.4 ms.
func NewBayesLimit() *BayesLimit {
	return &BayesLimit{CellsPerSigma: 10, ArcStep: 0.25, PadSigmas: 6, MaxCells: 250000}
}

// Bayes returns the Bayes-optimal significance of the configuration c with
// the default settings of [NewBayesLimit]. Callers that evaluate many
// configurations should keep one BayesLimit, which caches the grid.
func Bayes(c config.Config) (BayesResult, error) {
	return NewBayesLimit().Compute(c)
}

// Compute returns the Bayes-optimal significance of c. It reads Noise,
// Angle, SigFraction, WeightedNEvents, the window (MeanFOM, WidthFOM,
// NSigmas), BkgdBeta, MinFOM, MaxFOM and SignifFormula. The signal and
// background counts are the expected ones: f*N and (1-f)*N times the window
// efficiencies of [signif.WindowEfficiencies].
func (bl *BayesLimit) Compute(c config.Config) (BayesResult, error) {
	if err := bl.check(c); err != nil {
		return BayesResult{}, err
	}
	key := bayesKey{c.Noise, c.Angle, bl.CellsPerSigma, bl.ArcStep, bl.PadSigmas, bl.MaxCells}
	if !bl.valid || bl.key != key {
		bl.rank(c.Noise, c.Angle)
		bl.valid, bl.key = true, key
	}

	effSig, effBkgd := signif.WindowEfficiencies(c.MeanFOM, c.WidthFOM, c.NSigmas,
		c.BkgdBeta, c.MinFOM, c.MaxFOM)
	n := float64(c.WeightedNEvents)
	var r BayesResult
	r.RawSig = c.SigFraction * n * effSig
	r.RawBkgd = (1 - c.SigFraction) * n * effBkgd
	r.RawZ = signif.Z(r.RawSig, r.RawBkgd, c.SignifFormula)
	r.Cells = len(bl.cumSig) - 1

	// Scan the cut: the k best cells for every k.
	for k := range bl.cumSig {
		s := r.RawSig * bl.cumSig[k]
		b := r.RawBkgd * bl.cumBkgd[k]
		if z := signif.Z(s, b, c.SignifFormula); z > r.Z {
			r.Z, r.PassSig, r.PassBkgd = z, s, b
			r.EffSig, r.EffBkgd = bl.cumSig[k], bl.cumBkgd[k]
		}
	}
	return r, nil
}

// check reports the first value of c that the Bayes limit cannot use.
func (bl *BayesLimit) check(c config.Config) error {
	switch {
	case !(bl.CellsPerSigma > 0) || math.IsInf(bl.CellsPerSigma, 0):
		return fmt.Errorf("eval: cells per sigma %g: must be finite and > 0", bl.CellsPerSigma)
	case !(bl.ArcStep > 0) || math.IsInf(bl.ArcStep, 0):
		return fmt.Errorf("eval: arc step %g: must be finite and > 0", bl.ArcStep)
	case !(bl.PadSigmas > 0) || math.IsInf(bl.PadSigmas, 0):
		return fmt.Errorf("eval: pad sigmas %g: must be finite and > 0", bl.PadSigmas)
	case bl.MaxCells < 1:
		return fmt.Errorf("eval: max cells %d: must be ≥ 1", bl.MaxCells)
	case !(c.Noise >= 0) || math.IsInf(c.Noise, 0):
		return fmt.Errorf("eval: noise %g: must be finite and ≥ 0", c.Noise)
	case math.IsNaN(c.Angle) || math.IsInf(c.Angle, 0):
		return fmt.Errorf("eval: angle %g: must be finite", c.Angle)
	case !(c.SigFraction >= 0 && c.SigFraction <= 1):
		return fmt.Errorf("eval: signal fraction %g: must be in [0, 1]", c.SigFraction)
	case c.WeightedNEvents < 0:
		return fmt.Errorf("eval: weighted event count %d: must be ≥ 0", c.WeightedNEvents)
	}
	return nil
}

// rank fills the cumulative masses of the cells sorted by decreasing
// likelihood ratio for the given noise and angle.
func (bl *BayesLimit) rank(noise, angle float64) {
	bl.cumSig = append(bl.cumSig[:0], 0)
	bl.cumBkgd = append(bl.cumBkgd[:0], 0)
	if noise == 0 {
		// The arcs are curves that meet in at most two points, so a
		// noiseless moon is separated perfectly.
		bl.cumSig = append(bl.cumSig, 1)
		bl.cumBkgd = append(bl.cumBkgd, 0)
		return
	}

	g := bl.newGrid(noise, angle)
	bl.sigDensity = resize(bl.sigDensity, g.nx*g.ny)
	bl.bkgdDensity = resize(bl.bkgdDensity, g.nx*g.ny)
	for j := range g.nArc {
		t := (float64(j) + 0.5) * math.Pi / float64(g.nArc)
		sin, cos := math.Sincos(t)
		// Inner arc (signal), not rotated.
		bl.spread(g, bl.sigDensity, 1-cos, 0.5-sin)
		// Outer arc (background), rotated by angle about the origin.
		bl.spread(g, bl.bkgdDensity, cos*g.cosA+sin*g.sinA, sin*g.cosA-cos*g.sinA)
	}

	bl.cells = bl.cells[:0]
	w := 1 / float64(g.nArc)
	for i, s := range bl.sigDensity {
		s *= w
		b := bl.bkgdDensity[i] * w
		if s == 0 && b == 0 {
			continue
		}
		bl.cells = append(bl.cells, bayesCell{ratio: s / b, sig: s, bkgd: b})
	}
	slices.SortFunc(bl.cells, func(p, q bayesCell) int { return cmp.Compare(q.ratio, p.ratio) })

	var cs, cb float64
	for _, cell := range bl.cells {
		cs += cell.sig
		cb += cell.bkgd
		bl.cumSig = append(bl.cumSig, cs)
		bl.cumBkgd = append(bl.cumBkgd, cb)
	}
}

// bayesGrid is the cell layout of one noise and angle.
type bayesGrid struct {
	x0, y0, h  float64 // lower-left corner and cell size
	nx, ny     int
	nArc       int // arc points per moon
	sigma      float64
	pad        float64 // spreading distance of one arc point
	cosA, sinA float64
}

// newGrid lays out a grid that covers both arcs padded by PadSigmas*noise.
func (bl *BayesLimit) newGrid(noise, angle float64) bayesGrid {
	g := bayesGrid{sigma: noise, pad: bl.PadSigmas * noise}
	g.sinA, g.cosA = math.Sincos(angle)

	// Bounding box of both arcs. The inner arc spans [0, 2] × [-0.5, 0.5].
	// The rotated outer arc is bounded by sampling it finely, which is exact
	// to about 1e-6, well inside the padding.
	xMin, xMax, yMin, yMax := 0.0, 2.0, -0.5, 0.5
	const nBox = 2000
	for j := 0; j <= nBox; j++ {
		sin, cos := math.Sincos(float64(j) * math.Pi / nBox)
		x := cos*g.cosA + sin*g.sinA
		y := sin*g.cosA - cos*g.sinA
		xMin, xMax = math.Min(xMin, x), math.Max(xMax, x)
		yMin, yMax = math.Min(yMin, y), math.Max(yMax, y)
	}
	xMin, xMax = xMin-g.pad, xMax+g.pad
	yMin, yMax = yMin-g.pad, yMax+g.pad

	g.h = noise / bl.CellsPerSigma
	if area := (xMax - xMin) * (yMax - yMin); area/(g.h*g.h) > float64(bl.MaxCells) {
		g.h = math.Sqrt(area / float64(bl.MaxCells))
	}
	g.x0, g.y0 = xMin, yMin
	g.nx = int(math.Ceil((xMax - xMin) / g.h))
	g.ny = int(math.Ceil((yMax - yMin) / g.h))

	// Arc points lie ArcStep noise widths apart, or an eighth of a cell when
	// MaxCells made the cells much coarser than the noise, and each arc has
	// at least 64.
	step := math.Max(bl.ArcStep*noise, g.h/8)
	g.nArc = max(64, int(math.Ceil(math.Pi/step)))
	return g
}

// spread adds the Gaussian mass of one arc point at (px, py) to every cell
// of density within g.pad of it.
func (bl *BayesLimit) spread(g bayesGrid, density []float64, px, py float64) {
	i0, wx := bl.axisProfile(0, g.x0, g.nx, px, g)
	j0, wy := bl.axisProfile(1, g.y0, g.ny, py, g)
	for i, mx := range wx {
		row := density[(i0+i)*g.ny+j0 : (i0+i)*g.ny+j0+len(wy)]
		for j, my := range wy {
			row[j] += mx * my
		}
	}
}

// axisProfile returns the first cell index and the masses per cell of a
// one-dimensional Gaussian of width g.sigma centred at p, over the cells
// within g.pad of p on an axis starting at x0 with n cells of size g.h.
func (bl *BayesLimit) axisProfile(axis int, x0 float64, n int, p float64,
	g bayesGrid) (int, []float64) {

	h := g.h
	lo := max(0, int(math.Floor((p-g.pad-x0)/h)))
	hi := min(n, int(math.Ceil((p+g.pad-x0)/h)))
	if hi <= lo {
		return lo, nil
	}
	w := resize(bl.profile[axis], hi-lo)
	bl.profile[axis] = w
	scale := 1 / (g.sigma * math.Sqrt2)
	u := (x0 + float64(lo)*h - p) * scale
	prev := shiftedCDF(u)
	for i := range w {
		v := (x0 + float64(lo+i+1)*h - p) * scale
		next := shiftedCDF(v)
		w[i] = next - prev
		if u <= 0 && v > 0 {
			// The cell contains the centre, where shiftedCDF drops by 1.
			w[i]++
		}
		u, prev = v, next
	}
	return lo, w
}

// shiftedCDF returns the standard normal CDF Φ(u*sqrt(2)) for u ≤ 0 and
// Φ(u*sqrt(2)) - 1 for u > 0. Both branches are computed from erfc, so the
// differences of two values on the same side keep their relative precision
// far out in either tail.
func shiftedCDF(u float64) float64 {
	if u <= 0 {
		return 0.5 * math.Erfc(-u)
	}
	return -0.5 * math.Erfc(u)
}

// resize returns s with length n and every element zero, reusing its
// storage when it is large enough.
func resize(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	s = s[:n]
	clear(s)
	return s
}
