package eval

import (
	"errors"
	"fmt"
	"math"

	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/nn"
)

// Default decision map size and padding of the data range.
const (
	MapCells = 100
	MapPad   = 0.25
)

// Map is a classifier's decision map over a rectangle of the two features,
// cut into Nx × Ny cells and evaluated at the cell centres.
//
// Cells are stored row by row from the top, like image pixels: cell
// (row, col) is at index row*Nx + col and has its centre at
//
//	x1 = X0 + (col + 0.5) (X1 - X0) / Nx
//	x2 = Y1 - (row + 0.5) (Y1 - Y0) / Ny.
//
// A Map allocates its buffers on the first Compute and when Nx, Ny or the
// model's output width grow, and reuses them otherwise. The model
// allocates its own prediction buffers on its first Predict only, so a
// repeated Compute allocates nothing. A Map is not safe for concurrent use.
type Map struct {
	// Nx and Ny are the numbers of cells along x1 and x2.
	Nx, Ny int
	// X0, X1, Y0 and Y1 bound the rectangle: x1 in [X0, X1], x2 in [Y0, Y1].
	X0, X1, Y0, Y1 float64

	// Class is the predicted class per cell: nn.ClassBackground,
	// nn.ClassSignal or nn.ClassRelegated.
	Class []uint8
	// PSig is the signal probability per cell.
	PSig []float64
	// Probs contains Outputs probabilities per cell, cell i at
	// Probs[i*Outputs : (i+1)*Outputs], in the model's output order.
	Probs []float64
	// Outputs is the model's number of output probabilities per event.
	Outputs int
	// Rule is the selection rule of the last Compute.
	Rule string

	centres []float64 // x1, x2 of each cell centre
}

// NewMap returns a map of MapCells × MapCells cells over the features of d
// padded by MapPad, the layout of the seed's decision plots.
func NewMap(d *data.Dataset) *Map {
	mp := &Map{Nx: MapCells, Ny: MapCells}
	mp.X0, mp.X1, mp.Y0, mp.Y1 = Bounds(d, MapPad)
	return mp
}

// Bounds returns the range of the two features of d, each widened by pad
// on both sides: x1 in [x0, x1], x2 in [y0, y1]. Non-finite values are
// skipped. A dataset with no finite event, or with other than two
// features, gives [-1-pad, 1+pad] on both axes.
func Bounds(d *data.Dataset, pad float64) (x0, x1, y0, y1 float64) {
	x0, y0 = math.Inf(1), math.Inf(1)
	x1, y1 = math.Inf(-1), math.Inf(-1)
	if d != nil && d.NFeatures == 2 {
		for i := 0; i+1 < len(d.X); i += 2 {
			u, v := d.X[i], d.X[i+1]
			if math.IsNaN(u) || math.IsInf(u, 0) || math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			x0, x1 = math.Min(x0, u), math.Max(x1, u)
			y0, y1 = math.Min(y0, v), math.Max(y1, v)
		}
	}
	if x0 > x1 {
		x0, x1, y0, y1 = -1, 1, -1, 1
	}
	return x0 - pad, x1 + pad, y0 - pad, y1 + pad
}

// Compute evaluates m at every cell centre and fills Class, PSig, Probs,
// Outputs and Rule. rule is config.Argmax, config.PSig, or empty for
// config.Argmax, and decides as nn.Model.Classify does. It returns an error
// when m is missing or does not take two features, when the rule is
// unknown, or when the map is empty or its rectangle not finite.
func (mp *Map) Compute(m *nn.Model, rule string) error {
	if err := mp.check(m, rule); err != nil {
		return err
	}
	rule = ruleOrDefault(rule)
	n, k := mp.Nx*mp.Ny, m.Outputs()
	mp.resize(n, k)
	mp.fillCentres()

	m.Predict(mp.centres, n, mp.Probs)
	for i := range n {
		p := mp.Probs[i*k : (i+1)*k]
		mp.PSig[i] = nn.SignalProb(p)
		mp.Class[i] = uint8(m.Decide(p, rule))
	}
	mp.Rule = rule
	return nil
}

// check reports why m, rule and the map layout cannot be computed.
func (mp *Map) check(m *nn.Model, rule string) error {
	if m == nil || m.Net == nil {
		return errors.New("eval: decision map model is missing")
	}
	if in := m.Net.Inputs(); in != 2 {
		return fmt.Errorf("eval: decision map needs a model of 2 features, got %d", in)
	}
	if err := checkRule(rule); err != nil {
		return err
	}
	if mp.Nx < 1 || mp.Ny < 1 {
		return fmt.Errorf("eval: decision map of %d × %d cells: need at least 1 × 1",
			mp.Nx, mp.Ny)
	}
	for _, v := range [...]float64{mp.X0, mp.X1, mp.Y0, mp.Y1} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("eval: decision map bounds [%g, %g] × [%g, %g]: must be finite",
				mp.X0, mp.X1, mp.Y0, mp.Y1)
		}
	}
	return nil
}

// resize sets the lengths of the buffers for n cells of k outputs,
// allocating only when they grow.
func (mp *Map) resize(n, k int) {
	if cap(mp.Class) < n {
		mp.Class = make([]uint8, n)
		mp.PSig = make([]float64, n)
		mp.centres = make([]float64, 2*n)
	}
	if cap(mp.Probs) < n*k {
		mp.Probs = make([]float64, n*k)
	}
	mp.Class, mp.PSig, mp.centres = mp.Class[:n], mp.PSig[:n], mp.centres[:2*n]
	mp.Probs = mp.Probs[:n*k]
	mp.Outputs = k
}

// fillCentres writes the cell centres, top row first.
func (mp *Map) fillCentres() {
	dx := (mp.X1 - mp.X0) / float64(mp.Nx)
	dy := (mp.Y1 - mp.Y0) / float64(mp.Ny)
	i := 0
	for row := range mp.Ny {
		y := mp.Y1 - (float64(row)+0.5)*dy
		for col := range mp.Nx {
			mp.centres[i] = mp.X0 + (float64(col)+0.5)*dx
			mp.centres[i+1] = y
			i += 2
		}
	}
}
