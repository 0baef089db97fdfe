package main

import (
	"math"
	"math/rand/v2"

	"github.com/relegator/relegator/core"
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/eval"
)

// streamExtraAnalysis is the first random stream of the extra analysis
// samples. The streams of core's samples and split lie below 2^41 for every
// valid ttsplit_random_state, so the extra samples share no draws with them.
const streamExtraAnalysis = 1 << 63

// passSpread returns the mean and the sample standard deviation of the
// pass significance over n analysis samples: the experiment's own, whose
// pass significance is first, and n - 1 more drawn like it from the
// config's seed. The config key n_weighted_datasets sets n. For n = 1 the
// deviation is 0.
func passSpread(e *core.Experiment, first float64, n int) (mean, sd float64, err error) {
	zs := []float64{first}
	var ev eval.Evaluator
	for i := 1; i < n; i++ {
		rng := rand.New(rand.NewPCG(e.Config.Seed, streamExtraAnalysis+uint64(i)))
		r, err := ev.Evaluate(e.Trainer.Model(), data.GenerateAnalysis(e.Config, rng), e.Config)
		if err != nil {
			return 0, 0, err
		}
		zs = append(zs, r.PassZ)
	}
	for _, z := range zs {
		mean += z
	}
	mean /= float64(len(zs))
	if len(zs) < 2 {
		return mean, 0, nil
	}
	for _, z := range zs {
		sd += (z - mean) * (z - mean)
	}
	return mean, math.Sqrt(sd / float64(len(zs)-1)), nil
}
