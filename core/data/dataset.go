// Package data holds labelled event samples: the moons + mass generator,
// CSV loading and train/validation splits.
package data

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
