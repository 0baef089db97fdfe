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

// randomModel returns a model of modelType with one hidden layer of random
// weights, large enough that every class occurs on the map.
func randomModel(t testing.TB, modelType string, seed uint64) *nn.Model {
	t.Helper()
	outputs := map[string]int{config.Relegator: 3, config.BinarySoftmax: 2, config.Regress: 1}[modelType]
	net, err := nn.NewNetwork([]int{2, 8, outputs}, true, rand.New(rand.NewPCG(seed, 7)))
	if err != nil {
		t.Fatal(err)
	}
	for i := range net.Params {
		net.Params[i] *= 4
	}
	m := nn.NewModel(modelType, net)
	m.Threshold = 0.3
	return m
}

func TestMapMatchesClassify(t *testing.T) {
	for _, modelType := range []string{config.Relegator, config.BinarySoftmax, config.Regress} {
		for _, rule := range []string{config.Argmax, config.PSig} {
			t.Run(modelType+" "+rule, func(t *testing.T) {
				model := randomModel(t, modelType, 5)
				mp := &Map{Nx: 37, Ny: 23, X0: -3, X1: 3, Y0: -2, Y1: 2.5}
				if err := mp.Compute(model, rule); err != nil {
					t.Fatal(err)
				}
				n := mp.Nx * mp.Ny
				pSig, class := make([]float64, n), make([]int, n)
				model.Classify(mp.centres, n, rule, pSig, class)
				probs := make([]float64, n*model.Outputs())
				model.Predict(mp.centres, n, probs)

				seen := map[uint8]bool{}
				for i := range n {
					seen[mp.Class[i]] = true
					if int(mp.Class[i]) != class[i] || mp.PSig[i] != pSig[i] {
						t.Fatalf("cell %d: class %d, p_sig %g; Classify gives %d, %g",
							i, mp.Class[i], mp.PSig[i], class[i], pSig[i])
					}
				}
				for i := range probs {
					if mp.Probs[i] != probs[i] {
						t.Fatalf("Probs[%d] = %g, Predict gives %g", i, mp.Probs[i], probs[i])
					}
				}
				if len(seen) < 2 {
					t.Errorf("only classes %v on the map, the check needs two or more", seen)
				}
				if mp.Rule != rule {
					t.Errorf("Rule = %q, want %q", mp.Rule, rule)
				}
			})
		}
	}
}

func TestMapLayout(t *testing.T) {
	// The quadrant model relegates the top left, selects the bottom right
	// and calls the bottom left background.
	mp := &Map{Nx: 4, Ny: 2, X0: -2, X1: 2, Y0: -1.2, Y1: 1.2}
	if err := mp.Compute(quadrantModel(t), ""); err != nil {
		t.Fatal(err)
	}
	want := []uint8{
		pr, pr, pr, ps, // top row, x2 = 0.6: x1 = -1.5, -0.5, 0.5, 1.5
		pb, pb, ps, ps, // bottom row, x2 = -0.6
	}
	for i, c := range want {
		if mp.Class[i] != c {
			t.Errorf("cell %d (row %d, col %d): class %d, want %d", i, i/4, i%4, mp.Class[i], c)
		}
	}
	wantCentre := [][2]float64{{-1.5, 0.6}, {1.5, -0.6}}
	for k, i := range []int{0, 7} {
		got := [2]float64{mp.centres[2*i], mp.centres[2*i+1]}
		if math.Abs(got[0]-wantCentre[k][0]) > 1e-12 || math.Abs(got[1]-wantCentre[k][1]) > 1e-12 {
			t.Errorf("centre of cell %d = %v, want %v", i, got, wantCentre[k])
		}
	}
	if mp.Rule != config.Argmax || mp.Outputs != 3 {
		t.Errorf("Rule %q, Outputs %d, want %q and 3", mp.Rule, mp.Outputs, config.Argmax)
	}
}

func TestMapZeroAllocs(t *testing.T) {
	model := randomModel(t, config.Relegator, 1)
	mp := NewMap(data.GenerateTraining(config.Default(), rand.New(rand.NewPCG(1, 1))))
	if err := mp.Compute(model, config.Argmax); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(3, func() {
		if err := mp.Compute(model, config.PSig); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Compute allocates %g times after the first call, want 0", allocs)
	}
}

func TestMapRejectsBadInput(t *testing.T) {
	threeFeatures, err := nn.NewNetwork([]int{3, 3}, true, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		mp    Map
		model *nn.Model
		rule  string
	}{
		{"missing model", Map{Nx: 2, Ny: 2, X1: 1, Y1: 1}, nil, ""},
		{"three features", Map{Nx: 2, Ny: 2, X1: 1, Y1: 1}, nn.NewModel(config.Relegator, threeFeatures), ""},
		{"unknown rule", Map{Nx: 2, Ny: 2, X1: 1, Y1: 1}, quadrantModel(t), "soft"},
		{"no cells", Map{Nx: 0, Ny: 2, X1: 1, Y1: 1}, quadrantModel(t), ""},
		{"NaN bound", Map{Nx: 2, Ny: 2, X1: math.NaN(), Y1: 1}, quadrantModel(t), ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.mp.Compute(tc.model, tc.rule); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestBounds(t *testing.T) {
	cases := []struct {
		name string
		d    *data.Dataset
		pad  float64
		want [4]float64
	}{
		{"three points", &data.Dataset{NFeatures: 2, X: []float64{0, 1, -2, 3, 1, -1}}, 0.25,
			[4]float64{-2.25, 1.25, -1.25, 3.25}},
		{"skips NaN", &data.Dataset{NFeatures: 2, X: []float64{0, 0, math.NaN(), 5, 1, 1}}, 0,
			[4]float64{0, 1, 0, 1}},
		{"empty", &data.Dataset{NFeatures: 2}, 0.5, [4]float64{-1.5, 1.5, -1.5, 1.5}},
		{"nil", nil, 0, [4]float64{-1, 1, -1, 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			x0, x1, y0, y1 := Bounds(tc.d, tc.pad)
			if got := [4]float64{x0, x1, y0, y1}; got != tc.want {
				t.Errorf("Bounds = %v, want %v", got, tc.want)
			}
		})
	}
}

func BenchmarkMapCompute(b *testing.B) {
	model := randomModel(b, config.Relegator, 1)
	hidden, err := nn.NewNetwork([]int{2, 40, 40, 20, 3}, true, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		b.Fatal(err)
	}
	reference := nn.NewModel(config.Relegator, hidden)
	for _, size := range []int{50, 100, 200} {
		for name, m := range map[string]*nn.Model{"8 hidden": model, "40-40-20": reference} {
			b.Run(fmt.Sprintf("%s %dx%d", name, size, size), func(b *testing.B) {
				mp := &Map{Nx: size, Ny: size, X0: -1.5, X1: 2.5, Y0: -1.5, Y1: 1.5}
				b.ReportAllocs()
				for b.Loop() {
					if err := mp.Compute(m, config.Argmax); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
