package config

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestValidatePresets(t *testing.T) {
	for name, c := range map[string]Config{"Default": Default(), "Browser": Browser()} {
		if err := c.Validate(); err != nil {
			t.Errorf("%s().Validate() = %v, want nil", name, err)
		}
	}
}

func TestValidateRejectsEachValue(t *testing.T) {
	tests := []struct {
		name string
		edit func(c *Config)
		key  string
	}{
		{"negative noise", func(c *Config) { c.Noise = -0.1 }, "noise"},
		{"NaN noise", func(c *Config) { c.Noise = math.NaN() }, "noise"},
		{"infinite angle", func(c *Config) { c.Angle = math.Inf(1) }, "angle"},
		{"zero sig_fraction", func(c *Config) { c.SigFraction = 0 }, "sig_fraction"},
		{"sig_fraction one", func(c *Config) { c.SigFraction = 1 }, "sig_fraction"},
		{"empty hidden_nodes", func(c *Config) { c.HiddenNodes = nil }, "hidden_nodes"},
		{"zero layer width", func(c *Config) { c.HiddenNodes = []int{40, 0, 20} }, "hidden_nodes"},
		{"zero learning_rate", func(c *Config) { c.LearningRate = 0 }, "learning_rate"},
		{"learning_rate 100", func(c *Config) { c.LearningRate = 100 }, "learning_rate"},
		{"nine events", func(c *Config) { c.NEvents = 9 }, "n_events"},
		{"nine analysis events", func(c *Config) { c.WeightedNEvents = 9 }, "weighted_n_events"},
		{"test_fraction zero", func(c *Config) { c.TestFraction = 0 }, "test_fraction"},
		{"test_fraction one", func(c *Config) { c.TestFraction = 1 }, "test_fraction"},
		{"test_fraction leaves no training", func(c *Config) { c.NEvents = 10; c.TestFraction = 0.95 }, "test_fraction"},
		{"test_fraction leaves one training event", func(c *Config) { c.NEvents = 10; c.TestFraction = 0.9 }, "test_fraction"},
		{"test_fraction gives one validation event", func(c *Config) { c.TestFraction = 1e-300 }, "test_fraction"},
		{"window above max", func(c *Config) { c.MeanFOM = 0.95 }, "mean_fom"},
		{"window below min", func(c *Config) { c.NSigmas = 20 }, "mean_fom"},
		{"min equals max", func(c *Config) { c.MinFOM = 1 }, "max_fom"},
		{"max below zero", func(c *Config) { c.MinFOM, c.MaxFOM, c.MeanFOM = -2, -1, -1.5 }, "max_fom"},
		{"zero width", func(c *Config) { c.WidthFOM = 0 }, "width_fom"},
		{"zero n_sigmas", func(c *Config) { c.NSigmas = 0 }, "n_sigmas"},
		{"zero beta", func(c *Config) { c.BkgdBeta = 0 }, "bkgd_beta"},
		{"dropout one", func(c *Config) { c.InputDropout = 1 }, "input_dropout"},
		{"negative dropout", func(c *Config) { c.InputDropout = -0.1 }, "input_dropout"},
		{"unknown model", func(c *Config) { c.ModelType = "relegater" }, "model_type"},
		{"negative batch", func(c *Config) { c.BatchSize = -1 }, "batch_size"},
		{"zero epochs", func(c *Config) { c.NEpochs = 0 }, "n_epochs"},
		{"cutoff depth one", func(c *Config) { c.OTCutoffDepth = 1 }, "ot_cutoff_depth"},
		{"unknown formula", func(c *Config) { c.SignifFormula = "poisson" }, "signif_formula"},
		{"unknown selection", func(c *Config) { c.Selection = "max" }, "selection"},
		{"unknown signif_type", func(c *Config) { c.SignifType = "prob" }, "signif_type"},
		{"categ signif_type", func(c *Config) { c.SignifType = "categ" }, "signif_type"},
		{"zero analysis datasets", func(c *Config) { c.NWeightedDatasets = 0 }, "n_weighted_datasets"},
		{"no analysis background", func(c *Config) { c.WeightedNEvents = 10; c.SigFraction = 0.95 }, "sig_fraction"},
		{"64 layers of 4096", func(c *Config) { c.HiddenNodes = slices.Repeat([]int{4096}, 64) }, "hidden_nodes"},
		{"whole batch of wide layers", func(c *Config) { c.HiddenNodes, c.BatchSize = slices.Repeat([]int{700}, 8), 0 }, "batch_size"},
		{"large batch of wide layers", func(c *Config) {
			c.NEvents, c.BatchSize, c.HiddenNodes = 1_000_000, 100_000, []int{1000, 1000}
		}, "batch_size"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.edit(&c)
			err := c.Validate()
			if err == nil {
				t.Fatal("Validate() = nil, want an error")
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Validate() = %v, not a *FieldError", err)
			}
			got := FieldErrors(err)
			if len(got) != 1 {
				t.Fatalf("Validate() gave %d errors, want 1: %v", len(got), err)
			}
			if got[0].Key != tt.key {
				t.Errorf("error key = %q, want %q (%v)", got[0].Key, tt.key, err)
			}
			if !strings.HasPrefix(err.Error(), tt.key+" ") {
				t.Errorf("message %q does not start with the key %q", err, tt.key)
			}
		})
	}
}

func TestValidateMemoryBoundsAcceptReferenceSizes(t *testing.T) {
	// The whole training part of the reference sample as one batch, as
	// the seed trained, through layers of 1000 units.
	c := SeedRecipe()
	c.HiddenNodes = []int{1000, 1000, 1000}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate() = %v, want nil", err)
	}
}

func TestValidateJoinsAllProblems(t *testing.T) {
	c := Default()
	c.Noise = -1
	c.LearningRate = 100
	c.ModelType = ""
	got := FieldErrors(c.Validate())
	keys := make([]string, len(got))
	for i, fe := range got {
		keys[i] = fe.Key
	}
	want := "noise,model_type,learning_rate"
	if strings.Join(keys, ",") != want {
		t.Errorf("keys = %v, want %s", keys, want)
	}
}

func TestFieldErrorMessageWholeBounds(t *testing.T) {
	c := Default()
	c.NEvents = 5
	want := "n_events 5: must be in [10, 10000000]"
	if err := c.Validate(); err == nil || err.Error() != want {
		t.Errorf("Validate() = %v, want %q", err, want)
	}
}

func TestFieldErrorMessage(t *testing.T) {
	c := Default()
	c.SigFraction = 1.5
	err := c.Validate()
	want := "sig_fraction 1.5: must be in (0, 1)"
	if err == nil || err.Error() != want {
		t.Errorf("Validate() = %v, want %q", err, want)
	}
}
