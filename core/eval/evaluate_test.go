package eval

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/nn"
)

// linearModel returns a model of modelType whose network is one dense layer
// from the two features to the logits, with weights w (2 × outputs,
// row-major) and biases b.
func linearModel(t testing.TB, modelType string, w, b []float64) *nn.Model {
	t.Helper()
	net, err := nn.NewNetwork([]int{2, len(b)}, true, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	copy(net.W[0], w)
	copy(net.B[0], b)
	return nn.NewModel(modelType, net)
}

// quadrantModel returns a relegator whose logits are (0, 10 x1, 10 x2):
// under argmax an event is signal when x1 is the largest of 0, x1 and x2,
// relegated when x2 is, and background when both are negative.
func quadrantModel(t testing.TB) *nn.Model {
	return linearModel(t, config.Relegator, []float64{0, 10, 0, 0, 0, 10}, []float64{0, 0, 0})
}

func TestEvaluateQuadrantModel(t *testing.T) {
	c := config.Default()
	wantClass, label, m := tallySample(c)
	// Features that put each event clearly in the region of its class.
	point := map[int][2]float64{pb: {-1, -1}, ps: {1, -1}, pr: {-1, 1}}
	d := &data.Dataset{NFeatures: 2, Label: label, M: m}
	for _, k := range wantClass {
		d.X = append(d.X, point[k][0], point[k][1])
	}

	for _, w := range [][]float64{nil, {1, 2, 3, 4, 5, 6, 7, 8}} {
		d.W = w
		got, err := Evaluate(quadrantModel(t), d, c)
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, got, Tally(wantClass, label, m, w, c))
	}
}

func TestEvaluatorReusesBuffers(t *testing.T) {
	c := config.Default()
	d := data.GenerateAnalysis(smallAnalysis(), rand.New(rand.NewPCG(3, 4)))
	model := quadrantModel(t)
	var e Evaluator
	first, err := e.Evaluate(model, d, c)
	if err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := e.Evaluate(model, d, c); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Evaluate allocates %g times per call after the first, want 0", allocs)
	}
	again, err := Evaluate(model, d, c)
	if err != nil {
		t.Fatal(err)
	}
	if again != first {
		t.Errorf("fresh Evaluate %+v, reused %+v", again, first)
	}
	if len(e.Classes()) != d.Len() || len(e.PSig()) != d.Len() {
		t.Errorf("kept %d classes and %d probabilities, want %d", len(e.Classes()), len(e.PSig()), d.Len())
	}
}

// smallAnalysis returns the reference configuration with a 5000-event
// analysis sample of signal fraction 0.1.
func smallAnalysis() config.Config {
	c := config.Default()
	c.WeightedNEvents = 5000
	c.SigFraction = 0.1
	return c
}

func TestEvaluateRejectsBadInput(t *testing.T) {
	c := config.Default()
	good := func() *data.Dataset {
		return &data.Dataset{
			NFeatures: 2,
			X:         []float64{1, 0, 0, 1},
			Label:     []int{1, 0},
			M:         []float64{0.5, 0.5},
		}
	}
	cases := []struct {
		name   string
		model  *nn.Model
		change func(d *data.Dataset, c *config.Config)
	}{
		{"missing model", nil, func(*data.Dataset, *config.Config) {}},
		{"three features", quadrantModel(t), func(d *data.Dataset, _ *config.Config) {
			d.NFeatures = 3
		}},
		{"short masses", quadrantModel(t), func(d *data.Dataset, _ *config.Config) { d.M = d.M[:1] }},
		{"short weights", quadrantModel(t), func(d *data.Dataset, _ *config.Config) { d.W = []float64{1} }},
		{"negative weight", quadrantModel(t), func(d *data.Dataset, _ *config.Config) {
			d.W = []float64{1, -1}
		}},
		{"infinite mass", quadrantModel(t), func(d *data.Dataset, _ *config.Config) { d.M[0] = math.Inf(1) }},
		{"unknown rule", quadrantModel(t), func(_ *data.Dataset, c *config.Config) { c.Selection = "max" }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, cc := good(), c
			tc.change(d, &cc)
			if _, err := Evaluate(tc.model, d, cc); err == nil {
				t.Error("no error")
			}
		})
	}
}

func BenchmarkEvaluate(b *testing.B) {
	net, err := nn.NewNetwork([]int{2, 40, 40, 20, 3}, true, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		b.Fatal(err)
	}
	model := nn.NewModel(config.Relegator, net)
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			c := config.Default()
			c.WeightedNEvents = n
			d := data.GenerateAnalysis(c, rand.New(rand.NewPCG(1, 2)))
			var e Evaluator
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Evaluate(model, d, c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestEvaluateSelectionRule(t *testing.T) {
	// Logits (0, 0.5, 0.45) give p_sig = 0.39: the largest output, so
	// signal under argmax, but below 0.5, so relegated under p_sig. The
	// second event is signal under both rules.
	d := &data.Dataset{NFeatures: 2, X: []float64{0.05, 0.045, 1, -1}, Label: []int{1, 1}, M: []float64{0.5, 0.5}}
	tests := []struct {
		rule     string
		wantPass float64
		wantRel  float64
	}{
		{config.Argmax, 2, 0},
		{config.PSig, 1, 1},
	}
	for _, tt := range tests {
		c := config.Default()
		c.Selection = tt.rule
		got, err := Evaluate(quadrantModel(t), d, c)
		if err != nil {
			t.Fatal(err)
		}
		if got.Rule != tt.rule || got.NPassSig != tt.wantPass || got.Confusion[1][pr] != tt.wantRel {
			t.Errorf("%s: rule %q, %g pass and %g relegated, want %g and %g",
				tt.rule, got.Rule, got.NPassSig, got.Confusion[1][pr], tt.wantPass, tt.wantRel)
		}
	}
}
