package nn

import (
	"errors"
	"fmt"
	"math"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
)

// validate checks the parts of cfg and the samples that training needs.
func validate(cfg *config.Config, train, val *data.Dataset) error {
	if outputsOf(cfg.ModelType) == 0 {
		return fmt.Errorf("model type %q: must be one of %s, %s, %s, %s, %s, %s, %s", cfg.ModelType,
			config.Relegator, config.RelegatorFactor, config.RelegatorDiff, config.RelegatorV2,
			config.BinarySoftmax, config.ModBinary, config.Regress)
	}
	for i, h := range cfg.HiddenNodes {
		if h < 1 {
			return fmt.Errorf("hidden layer %d width %d: must be ≥ 1", i+1, h)
		}
	}
	checks := []struct {
		ok  bool
		msg string
	}{
		{cfg.LearningRate > 0 && !math.IsInf(cfg.LearningRate, 1), fmt.Sprintf("learning rate %g: must be > 0 and finite", cfg.LearningRate)},
		{cfg.NEpochs >= 1, fmt.Sprintf("n_epochs %d: must be ≥ 1", cfg.NEpochs)},
		{cfg.BatchSize >= 0, fmt.Sprintf("batch size %d: must be ≥ 0 (0 for the whole training part)", cfg.BatchSize)},
		{cfg.InputDropout >= 0 && cfg.InputDropout < 1, fmt.Sprintf("input dropout %g: must be in [0, 1)", cfg.InputDropout)},
		{!cfg.OTCutoff || cfg.OTCutoffDepth >= 2, fmt.Sprintf("ot_cutoff_depth %d: must be ≥ 2 when ot_cutoff is on", cfg.OTCutoffDepth)},
		{!cfg.IsRelegator() || cfg.RelegationCE == config.Normalized || cfg.RelegationCE == config.Merged,
			fmt.Sprintf("relegation_ce %q: must be %s or %s", cfg.RelegationCE, config.Normalized, config.Merged)},
		{cfg.SignifType == "proba" || cfg.SignifType == "none", fmt.Sprintf("signif_type %q: must be proba or none", cfg.SignifType)},
		{cfg.SignifFormula == config.Simple || cfg.SignifFormula == config.Asimov, fmt.Sprintf("significance formula %q: must be %s or %s", cfg.SignifFormula, config.Simple, config.Asimov)},
		{cfg.SigFraction > 0 && cfg.SigFraction < 1, fmt.Sprintf("sig_fraction %g: must be in (0, 1)", cfg.SigFraction)},
		{cfg.WeightedNEvents >= 1, fmt.Sprintf("weighted_n_events %d: must be ≥ 1", cfg.WeightedNEvents)},
		{cfg.WidthFOM > 0 && cfg.NSigmas > 0, fmt.Sprintf("signal window width_fom %g, n_sigmas %g: both must be > 0", cfg.WidthFOM, cfg.NSigmas)},
	}
	for _, c := range checks {
		if !c.ok {
			return errors.New(c.msg)
		}
	}
	if err := validateDataset("training part", train, 0); err != nil {
		return err
	}
	return validateDataset("validation part", val, train.NFeatures)
}

// validateDataset checks the shape and values of d; nFeatures, when not 0,
// is the feature count d must have.
func validateDataset(name string, d *data.Dataset, nFeatures int) error {
	if d == nil {
		return fmt.Errorf("%s: missing", name)
	}
	n := d.Len()
	switch {
	case d.NFeatures < 1:
		return fmt.Errorf("%s: %d features, must be ≥ 1", name, d.NFeatures)
	case nFeatures != 0 && d.NFeatures != nFeatures:
		return fmt.Errorf("%s: %d features, must match the training part's %d", name, d.NFeatures, nFeatures)
	case len(d.X) != n*d.NFeatures:
		return fmt.Errorf("%s: %d feature values for %d events of %d features", name, len(d.X), n, d.NFeatures)
	case len(d.M) != n:
		return fmt.Errorf("%s: %d masses for %d events", name, len(d.M), n)
	case d.W != nil && len(d.W) != n:
		return fmt.Errorf("%s: %d weights for %d events", name, len(d.W), n)
	}
	for i, v := range d.X {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%s: feature %d of event %d is %g, must be finite", name, i%d.NFeatures+1, i/d.NFeatures, v)
		}
	}
	var count [2]int
	for i, y := range d.Label {
		if y != data.Background && y != data.Signal {
			return fmt.Errorf("%s: label %d of event %d: must be %d (background) or %d (signal)", name, y, i, data.Background, data.Signal)
		}
		if math.IsNaN(d.M[i]) {
			return fmt.Errorf("%s: mass of event %d is NaN", name, i)
		}
		if d.W != nil && !(d.W[i] >= 0 && !math.IsInf(d.W[i], 1)) {
			return fmt.Errorf("%s: weight %g of event %d: must be ≥ 0 and finite", name, d.W[i], i)
		}
		count[y]++
	}
	if count[data.Background] == 0 || count[data.Signal] == 0 {
		return fmt.Errorf("%s: %d background and %d signal events, need at least one of each", name, count[data.Background], count[data.Signal])
	}
	return nil
}
