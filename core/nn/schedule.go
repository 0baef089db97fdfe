package nn

import (
	"math"

	"github.com/relegator/relegator/core/config"
)

// scheduledRate returns the learning rate once the given number of epochs
// have run: cfg.LearningRate·cfg.LRFinalFraction^(epochs/(cfg.NEpochs-1)),
// which reaches the final fraction in the last epoch.
func scheduledRate(cfg *config.Config, epochs int) float64 {
	if cfg.LRFinalFraction == 1 || cfg.NEpochs < 2 {
		return cfg.LearningRate
	}
	return cfg.LearningRate * math.Pow(cfg.LRFinalFraction, float64(epochs)/float64(cfg.NEpochs-1))
}

// initSchemeOf returns the weight initialisation named by config.Init;
// an empty name is the Keras default the seed used.
func initSchemeOf(name string) initScheme {
	if name == config.HeUniform {
		return heUniform
	}
	return glorotUniform
}
