package nn

import (
	"math/rand/v2"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
)

// moons returns the training and validation parts of a moons sample of n
// events made with cfg's data settings.
func moons(cfg config.Config, n int, seed uint64) (train, val *data.Dataset) {
	cfg.NEvents = n
	rng := rand.New(rand.NewPCG(seed, 7))
	return data.GenerateTraining(cfg, rng).Split(cfg.TestFraction, rng)
}

// smallConfig returns the reference configuration with a small network and
// a learning rate that trains it within a few dozen epochs.
func smallConfig(modelType string) config.Config {
	cfg := config.SeedRecipe()
	cfg.ModelType = modelType
	cfg.HiddenNodes = []int{16, 16}
	cfg.LearningRate = 0.01
	cfg.NEpochs = 40
	cfg.OTCutoff = false
	return cfg
}
