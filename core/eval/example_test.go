package eval_test

import (
	"fmt"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/eval"
)

// The Bayes limit of the reference configuration: no selection on the
// features can beat a pass significance of about 23 on average, against 8.3
// without selection.
func ExampleBayes() {
	r, err := eval.Bayes(config.Default())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("raw Z %.1f, Bayes Z %.1f\n", r.RawZ, r.Z)
	// Output: raw Z 8.3, Bayes Z 23.0
}

// A browser keeps one BayesLimit: a change of signal fraction reuses the
// ranked grid of the unchanged noise and angle.
func ExampleBayesLimit() {
	bl := eval.NewBayesLimit()
	c := config.Default()
	for _, f := range []float64{0.001, 0.01, 0.1} {
		c.SigFraction = f
		r, err := bl.Compute(c)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("f = %g: Z %.1f\n", f, r.Z)
	}
	// Output:
	// f = 0.001: Z 6.1
	// f = 0.01: Z 23.0
	// f = 0.1: Z 85.7
}
