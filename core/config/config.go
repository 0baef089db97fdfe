// Package config holds the experiment configuration of the relegation
// classifier: one type with the seed's defaults, read from the seed's JSON
// files and edited by the browser's controls and URL state.
package config

// Model types understood by the trainer.
const (
	Relegator       = "relegator"
	RelegatorFactor = "relegator_factor"
	RelegatorDiff   = "relegator_diff"
	RelegatorV2     = "relegator_v2"
	BinarySoftmax   = "binary_softmax"
	ModBinary       = "mod_binary"
	Regress         = "regress"
)

// Significance formulas.
const (
	// Simple is s/sqrt(s+b).
	Simple = "simple"
	// Asimov is sqrt(2((s+b) ln(1+s/b) - s)).
	Asimov = "asimov"
)

// Forms of the relegation cross-entropy. Both merge the relegated
// probability into each truth class, q_k = p_k + p_rel.
const (
	// Merged takes -log q_y as it is. A relegated event then costs
	// nothing, so this term alone would relegate every event.
	Merged = "merged"
	// Normalized divides the merged probabilities by their sum before the
	// logarithm, -log(q_y / Σ_k q_k) = -log q_y + log(1 + (K-1) p_rel), so
	// that relegating an event costs up to log K. The seed's TensorFlow
	// code computed this form, because Keras' categorical cross-entropy
	// rescales its predictions to sum to 1.
	Normalized = "normalized"
)

// Selection rules for calling an event signal.
const (
	// Argmax calls an event signal when the signal output is the largest.
	Argmax = "argmax"
	// PSig calls an event signal when its signal probability is at least 0.5.
	PSig = "p_sig"
)

// Config is one experiment: how the data are made, the model, the loss and
// the training. JSON names follow the seed's config files; the fields after
// NWeightedDatasets are this product's additions.
type Config struct {
	NEvents         int     `json:"n_events"`
	WeightedNEvents int     `json:"weighted_n_events"`
	Noise           float64 `json:"noise"`
	Angle           float64 `json:"angle"`
	SigFraction     float64 `json:"sig_fraction"`
	TestFraction    float64 `json:"test_fraction"`
	MinFOM          float64 `json:"min_fom"`
	MaxFOM          float64 `json:"max_fom"`
	MeanFOM         float64 `json:"mean_fom"`
	WidthFOM        float64 `json:"width_fom"`
	NSigmas         float64 `json:"n_sigmas"`
	BkgdBeta        float64 `json:"bkgd_beta"`

	ModelType     string  `json:"model_type"`
	HiddenNodes   []int   `json:"hidden_nodes"`
	InputDropout  float64 `json:"input_dropout"`
	LearningRate  float64 `json:"learning_rate"`
	Bias          bool    `json:"bias"`
	SignifType    string  `json:"signif_type"`
	NEpochs       int     `json:"n_epochs"`
	OTCutoff      bool    `json:"ot_cutoff"`
	OTCutoffDepth int     `json:"ot_cutoff_depth"`

	TrainDataFile      string `json:"train_data_file"`
	WeightedDataFile   string `json:"weighted_data_file"`
	TTSplitRandomState int    `json:"ttsplit_random_state"`
	NWeightedDatasets  int    `json:"n_weighted_datasets"`

	// BatchSize is the number of events per Adam step; 0 means the whole
	// training part as one batch, as the seed did.
	BatchSize int `json:"batch_size"`
	// SignifFormula is Simple or Asimov.
	SignifFormula string `json:"signif_formula"`
	// Selection is Argmax or PSig.
	Selection string `json:"selection"`
	// Seed seeds every random draw of one run: data, split, weights, dropout.
	Seed uint64 `json:"seed"`
	// RelegationCE is the relegation cross-entropy of the relegator types:
	// Normalized or Merged.
	RelegationCE string `json:"relegation_ce"`

	// SignifWeight multiplies the significance term of the loss: 1/Z of
	// relegator and mod_binary, Z0/Z - 1 of relegator_v2 and -Z of
	// relegator_diff. The seed's losses have weight 1.
	SignifWeight float64 `json:"signif_weight"`
	// SignifCounts is which events the soft counts S and B of the loss
	// sum: CountWindow or CountExpected.
	SignifCounts string `json:"signif_counts"`
	// SignifAverage is the number of recent batches over which the
	// training step averages S' and B', as an exponential moving average
	// of that span, before it takes the derivatives of the significance
	// term. 0 or 1 uses the current batch alone, as the seed did.
	SignifAverage int `json:"signif_average"`
	// LRFinalFraction is the learning rate of the last epoch as a fraction
	// of LearningRate. The rate decays exponentially in between, so epoch
	// e (from 0) trains at LearningRate·LRFinalFraction^(e/(NEpochs-1)).
	// 1 keeps it constant, as the seed did.
	LRFinalFraction float64 `json:"lr_final_fraction"`
	// Init is the scheme of the initial weights: GlorotUniform, the Keras
	// default the seed used, or HeUniform.
	Init string `json:"init"`
}

// Events that the soft counts of the significance term sum.
const (
	// CountWindow sums the signal probability over the events inside the
	// signal window, as the seed did.
	CountWindow = "window"
	// CountExpected sums it over every event, each weighted by the
	// probability that an event of its class falls inside the window.
	// Within a class the mass is drawn independently of the features, so
	// the expected counts are the same, and the variance is lower because
	// no event is thrown away. The efficiencies come from the generator's
	// mass model (MeanFOM, WidthFOM, BkgdBeta, MinFOM, MaxFOM), so for
	// loaded samples they hold only if those keys describe the data.
	CountExpected = "expected"
)

// Initial weight schemes.
const (
	// GlorotUniform draws from U(-r, r) with r = sqrt(6/(fan_in+fan_out)).
	GlorotUniform = "glorot_uniform"
	// HeUniform draws from U(-r, r) with r = sqrt(6/fan_in).
	HeUniform = "he_uniform"
)

// Default returns the seed's reference configuration, its config_run.json,
// with this product's additions at the values cmd/benchscience chose. The
// additions are batches of 1024 events and a significance term weighted
// by 100. That term uses soft counts over every event weighted by its
// window efficiency (CountExpected), and averages S' and B' over the last
// 20 batches. Keys left out of a config file take these values. Tuned also
// replaces the seed's learning rate, epochs, dropout and cut-off by the
// tuned ones, and SeedRecipe sets the additions so that training is the
// seed's own.
func Default() Config {
	return Config{
		NEvents:         25000,
		WeightedNEvents: 100000,
		Noise:           0.2,
		Angle:           1.4,
		SigFraction:     0.01,
		TestFraction:    0.25,
		MinFOM:          0.0,
		MaxFOM:          1.0,
		MeanFOM:         0.5,
		WidthFOM:        0.03,
		NSigmas:         2.5,
		BkgdBeta:        0.6,

		ModelType:     Relegator,
		HiddenNodes:   []int{40, 40, 20},
		InputDropout:  0.05,
		LearningRate:  0.0005,
		Bias:          true,
		SignifType:    "proba",
		NEpochs:       1000,
		OTCutoff:      true,
		OTCutoffDepth: 20,

		TTSplitRandomState: 42,
		NWeightedDatasets:  1,

		BatchSize:     1024,
		SignifFormula: Simple,
		Selection:     Argmax,
		Seed:          1,
		RelegationCE:  Normalized,

		SignifWeight:    100,
		SignifCounts:    CountExpected,
		SignifAverage:   20,
		LRFinalFraction: 0.08,
		Init:            GlorotUniform,
	}
}

// SeedRecipe returns the seed's reference configuration trained the
// seed's way. The whole training part is one batch, at a constant learning
// rate of 5e-4 for up to 1000 epochs, stopped by the overtraining cut-off.
// Input dropout is 0.05, and the significance term has weight 1 and sums
// over the events inside the window.
func SeedRecipe() Config {
	c := Default()
	c.InputDropout = 0.05
	c.BatchSize = 0
	c.LearningRate = 0.0005
	c.NEpochs = 1000
	c.OTCutoff = true
	c.OTCutoffDepth = 20
	c.RelegationCE = Normalized
	c.SignifWeight = 1
	c.SignifCounts = CountWindow
	c.SignifAverage = 0
	c.LRFinalFraction = 1
	c.Init = GlorotUniform
	return c
}

// WindowLow returns the lower edge of the signal window, MeanFOM - NSigmas*WidthFOM.
func (c *Config) WindowLow() float64 { return c.MeanFOM - c.NSigmas*c.WidthFOM }

// WindowHigh returns the upper edge of the signal window, MeanFOM + NSigmas*WidthFOM.
func (c *Config) WindowHigh() float64 { return c.MeanFOM + c.NSigmas*c.WidthFOM }

// IsRelegator reports whether the model type has a relegation output.
func (c *Config) IsRelegator() bool {
	switch c.ModelType {
	case Relegator, RelegatorFactor, RelegatorDiff, RelegatorV2:
		return true
	}
	return false
}

// Tuned returns the seed's reference configuration for the data, the
// network and the model type, trained by the recipe that cmd/benchscience
// chose against the Bayes limit. It keeps Default's additions and trains
// 25 epochs of batches of 1024 events, without input dropout or the
// overtraining cut-off. The learning rate starts at 0.01 and decays
// exponentially to 0.08 of that, a factor 0.9 per epoch.
func Tuned() Config {
	c := Default()
	c.InputDropout = 0
	c.LearningRate = 0.01
	c.LRFinalFraction = 0.08
	c.NEpochs = 25
	c.OTCutoff = false
	return c
}

// Browser returns the tuned recipe scaled down so that a run in a browser
// tab converges in a few seconds: 3000 training and 20000 analysis events,
// batches of 256 and 40 epochs.
func Browser() Config {
	c := Tuned()
	c.NEvents = 3000
	c.WeightedNEvents = 20000
	c.BatchSize = 256
	c.NEpochs = 40
	return c
}
