package data

import (
	"math"
	"math/rand/v2"
)

// Subset returns a new dataset with the events idx of d, in that order.
// The columns are copied, so changing the subset leaves d unchanged.
// Indices out of range panic.
func (d *Dataset) Subset(idx []int) *Dataset {
	nf := d.NFeatures
	s := &Dataset{
		NFeatures: nf,
		X:         make([]float64, len(idx)*nf),
		Label:     make([]int, len(idx)),
		M:         make([]float64, len(idx)),
	}
	if d.W != nil {
		s.W = make([]float64, len(idx))
	}
	for j, i := range idx {
		copy(s.X[j*nf:(j+1)*nf], d.X[i*nf:(i+1)*nf])
		s.Label[j] = d.Label[i]
		s.M[j] = d.M[i]
		if d.W != nil {
			s.W[j] = d.W[i]
		}
	}
	return s
}

// Split divides d at random into a training and a validation part, as
// scikit-learn's train_test_split does: the validation part has
// ceil(testFraction n) events, clamped to [0, n], and the training part the
// rest.
func (d *Dataset) Split(testFraction float64, rng *rand.Rand) (train, val *Dataset) {
	n := d.Len()
	nVal := 0
	switch {
	case testFraction >= 1:
		nVal = n
	case testFraction > 0:
		nVal = min(int(math.Ceil(testFraction*float64(n))), n)
	}
	perm := rng.Perm(n)
	return d.Subset(perm[nVal:]), d.Subset(perm[:nVal])
}

// shuffle permutes the events of d in place.
func (d *Dataset) shuffle(rng *rand.Rand) {
	nf := d.NFeatures
	rng.Shuffle(d.Len(), func(i, j int) {
		for k := range nf {
			d.X[i*nf+k], d.X[j*nf+k] = d.X[j*nf+k], d.X[i*nf+k]
		}
		d.Label[i], d.Label[j] = d.Label[j], d.Label[i]
		d.M[i], d.M[j] = d.M[j], d.M[i]
		if d.W != nil {
			d.W[i], d.W[j] = d.W[j], d.W[i]
		}
	})
}
