// Package data holds labelled event samples: the moons + mass generator,
// CSV loading and train/validation splits.
package data

import "fmt"

// Truth classes of the moons benchmark.
const (
	Background = 0
	Signal     = 1
)

// Dataset is a sample of events. Event i has features
// X[i*NFeatures : (i+1)*NFeatures], truth class Label[i], feature of merit
// M[i] (the mass, never shown to the classifier) and weight W[i]; W is nil
// when every event weighs 1.
type Dataset struct {
	NFeatures int
	X         []float64
	Label     []int
	M         []float64
	W         []float64
}

// Len returns the number of events.
func (d *Dataset) Len() int { return len(d.Label) }

// CheckShape returns an error when the columns of d do not fit together:
// fewer than one feature, or X, M or a non-nil W whose length does not
// match the number of labels.
func (d *Dataset) CheckShape() error {
	if d.NFeatures < 1 {
		return fmt.Errorf("%d features per event: need at least 1", d.NFeatures)
	}
	n := d.Len()
	if len(d.X) != n*d.NFeatures {
		return fmt.Errorf("%d feature values for %d events of %d features: want %d",
			len(d.X), n, d.NFeatures, n*d.NFeatures)
	}
	if len(d.M) != n {
		return fmt.Errorf("%d masses for %d events", len(d.M), n)
	}
	if d.W != nil && len(d.W) != n {
		return fmt.Errorf("%d weights for %d events", len(d.W), n)
	}
	return nil
}
