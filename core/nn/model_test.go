package nn

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/relegator/relegator/core/config"
)

// identityModel returns a model without hidden layers whose logits equal
// its k inputs, so a test can choose the logits of every event.
func identityModel(t *testing.T, modelType string, k int) *Model {
	t.Helper()
	net, err := NewNetwork([]int{k, k}, false, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	clear(net.Params)
	for j := range k {
		net.W[0][j*k+j] = 1
	}
	return NewModel(modelType, net)
}

func TestClassifyRules(t *testing.T) {
	ln := math.Log
	cases := []struct {
		name      string
		modelType string
		logits    []float64
		threshold float64
		argmax    int
		pSig      int
	}{
		{"relegator signal", config.Relegator, []float64{ln(0.2), ln(0.5), ln(0.3)}, 0.5, ClassSignal, ClassSignal},
		{"relegator relegated", config.Relegator, []float64{ln(0.2), ln(0.35), ln(0.45)}, 0.5, ClassRelegated, ClassRelegated},
		{"relegator background", config.Relegator, []float64{ln(0.45), ln(0.35), ln(0.2)}, 0.5, ClassBackground, ClassBackground},
		// The signal output is the largest but below 0.5.
		{"relegator plurality", config.Relegator, []float64{ln(0.25), ln(0.45), ln(0.3)}, 0.5, ClassSignal, ClassRelegated},
		{"binary signal", config.BinarySoftmax, []float64{ln(0.4), ln(0.6)}, 0.5, ClassSignal, ClassSignal},
		{"binary background", config.ModBinary, []float64{ln(0.7), ln(0.3)}, 0.5, ClassBackground, ClassBackground},
		// A sigmoid of 0.3 passes a threshold of 0.25 but not 0.5.
		{"regress threshold", config.Regress, []float64{math.Log(0.3 / 0.7)}, 0.25, ClassSignal, ClassBackground},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := len(c.logits)
			m := identityModel(t, c.modelType, k)
			m.Threshold = c.threshold
			if m.Outputs() != k {
				t.Fatalf("Outputs() = %d, want %d", m.Outputs(), k)
			}
			probs := make([]float64, k)
			m.Predict(c.logits, 1, probs)
			sum := 0.0
			for _, p := range probs {
				sum += p
			}
			if k > 1 && math.Abs(sum-1) > 1e-12 {
				t.Errorf("probabilities %v sum to %g, want 1", probs, sum)
			}
			for rule, want := range map[string]int{config.Argmax: c.argmax, config.PSig: c.pSig} {
				pSig := []float64{-1}
				class := []int{-1}
				m.Classify(c.logits, 1, rule, pSig, class)
				if class[0] != want {
					t.Errorf("%s: class %d, want %d (probabilities %v)", rule, class[0], want, probs)
				}
				if want := probs[min(ClassSignal, k-1)]; math.Abs(pSig[0]-want) > 1e-12 {
					t.Errorf("%s: signal probability %g, want %g", rule, pSig[0], want)
				}
			}
		})
	}
}

// TestPredictBlocks checks that Predict gives the same outputs for a set
// of events whether it is called once or event by event, across its
// internal block size, and that it allocates nothing once its buffers
// exist.
func TestPredictBlocks(t *testing.T) {
	cfg := smallConfig(config.Relegator)
	train, val := moons(cfg, 800, 9)
	tr, err := NewTrainer(cfg, train, val, 9)
	if err != nil {
		t.Fatal(err)
	}
	if err := tr.RunEpoch(); err != nil {
		t.Fatal(err)
	}

	m := tr.Model()
	n := train.Len()
	if n <= predictBlock {
		t.Fatalf("%d events do not span two blocks of %d", n, predictBlock)
	}

	all := make([]float64, 3*n)
	m.Predict(train.X, n, all)
	one := make([]float64, 3)
	for i := range n {
		m.Predict(train.X[2*i:2*i+2], 1, one)
		for j := range one {
			if one[j] != all[3*i+j] {
				t.Fatalf("event %d output %d: %g alone, %g in the set", i, j, one[j], all[3*i+j])
			}
		}
	}

	class := make([]int, n)
	allocs := testing.AllocsPerRun(5, func() {
		m.Predict(train.X, n, all)
		m.Classify(train.X, n, config.Argmax, nil, class)
	})
	if allocs != 0 {
		t.Errorf("%g allocations per Predict and Classify, want 0", allocs)
	}
}
