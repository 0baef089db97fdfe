package nn

import (
	"math"

	"github.com/relegator/relegator/core/config"
)

// scheduledRate returns the learning rate once the given number of epochs
// have run: cfg.LearningRate·cfg.LRDecay^epochs.
func scheduledRate(cfg *config.Config, epochs int) float64 {
	if cfg.LRDecay == 1 {
		return cfg.LearningRate
	}
	return cfg.LearningRate * math.Pow(cfg.LRDecay, float64(epochs))
}

// initSchemeOf returns the weight initialisation named by config.Init;
// an empty name is the Keras default the seed used.
func initSchemeOf(name string) initScheme {
	if name == config.HeUniform {
		return heUniform
	}
	return glorotUniform
}
