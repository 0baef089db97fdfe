package eval

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/nn"
	"github.com/relegator/relegator/core/signif"
)

// trainedModel trains a small relegator on the reference moons for a few
// epochs of mini-batches, enough to separate the moons, and returns it with
// its configuration.
func trainedModel(t testing.TB) (*nn.Model, config.Config) {
	t.Helper()
	c := config.Default()
	c.NEvents = 4000
	c.HiddenNodes = []int{16, 16}
	c.BatchSize = 200
	c.LearningRate = 0.01
	c.NEpochs = 40
	c.OTCutoff = false
	rng := rand.New(rand.NewPCG(21, 22))
	train, val := data.GenerateTraining(c, rng).Split(c.TestFraction, rng)
	tr, err := nn.NewTrainer(c, train, val, 5)
	if err != nil {
		t.Fatal(err)
	}
	for !tr.Done() {
		if err := tr.RunEpoch(); err != nil {
			t.Fatal(err)
		}
	}
	return tr.Model(), c
}

func TestTrainedModelAgainstLimits(t *testing.T) {
	model, c := trainedModel(t)
	bayes, err := Bayes(c)
	if err != nil {
		t.Fatal(err)
	}
	expected, err := ExpectedPass(model, c, 50000, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("expected pass Z %.2f (S %.1f, B %.1f), raw %.2f, Bayes %.2f",
		expected.Z, expected.S, expected.B, expected.RawZ, bayes.Z)
	if !(expected.Z > expected.RawZ) {
		t.Errorf("expected pass Z %.2f does not beat the raw Z %.2f", expected.Z, expected.RawZ)
	}
	// The efficiencies carry binomial errors of about 0.5%, so the
	// classifier may touch the Bayes limit but not pass it by more.
	if expected.Z > 1.02*bayes.Z {
		t.Errorf("expected pass Z %.2f above the Bayes limit %.2f", expected.Z, bayes.Z)
	}

	analysis := data.GenerateAnalysis(c, rand.New(rand.NewPCG(31, 32)))
	r, err := Evaluate(model, analysis, c)
	if err != nil {
		t.Fatal(err)
	}
	checkFinite(t, r)
	t.Logf("one sample: pass Z %.2f (S %g, B %g), relegated %.3f",
		r.PassZ, r.NPassSig, r.NPassBkgd, r.RelegatedFraction)
	// One analysis sample scatters around the expectation by Poisson
	// fluctuations of its pass counts.
	_, dzds, dzdb := signif.ZGrad(expected.S, expected.B, c.SignifFormula)
	sigmaZ := math.Hypot(dzds*math.Sqrt(expected.S), dzdb*math.Sqrt(expected.B))
	if math.Abs(r.PassZ-expected.Z) > 4*sigmaZ {
		t.Errorf("pass Z %.2f on one sample, expected %.2f ± %.2f", r.PassZ, expected.Z, sigmaZ)
	}
	if math.Abs(r.NRawBkgd-expected.RawB) > 4*math.Sqrt(expected.RawB) {
		t.Errorf("raw background %g, expected %.1f", r.NRawBkgd, expected.RawB)
	}
}
