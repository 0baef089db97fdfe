package core

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/relegator/relegator/core/config"
)

// fixedRun is the outcome of a short training run that must come out the
// same natively and under GOOS=js GOARCH=wasm.
type fixedRun struct {
	ValLoss []float64 `json:"val_loss"`
	Params  []float64 `json:"params"`
	PassZ   float64   `json:"pass_significance"`
}

// runFixed trains a small relegator for a few epochs from a fixed seed.
func runFixed(t *testing.T) fixedRun {
	t.Helper()
	c := config.Browser()
	c.NEvents = 1200
	c.WeightedNEvents = 5000
	c.NEpochs = 4
	c.Seed = 7
	e, err := New(c)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if err := e.Run(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	r, err := e.Evaluate()
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	var out fixedRun
	for _, h := range e.Trainer.History() {
		out.ValLoss = append(out.ValLoss, h.ValLoss)
	}
	out.Params = slices.Clone(e.Trainer.Model().Net.Params)
	out.PassZ = r.PassZ
	return out
}

// TestFixedRunSameEverywhere trains twice in one process and checks that
// the runs agree exactly. With RELEGATOR_FIXED_RUN_OUT set it writes the
// run to that file. With RELEGATOR_FIXED_RUN_WANT set it compares the run
// with that file, so that `make test` checks the WebAssembly build against
// the native one. The comparison allows 1e-9 relative difference, because
// math.Exp and math.Log have assembly versions on amd64 that may differ
// from the pure Go ones used under wasm in the last bit.
func TestFixedRunSameEverywhere(t *testing.T) {
	a := runFixed(t)
	b := runFixed(t)
	if !slices.Equal(a.Params, b.Params) {
		t.Error("two runs from the same seed end with different parameters")
	}
	if !slices.Equal(a.ValLoss, b.ValLoss) {
		t.Error("two runs from the same seed have different validation losses")
	}
	if len(a.ValLoss) != 4 {
		t.Fatalf("history has %d epochs, want 4", len(a.ValLoss))
	}

	if path := os.Getenv("RELEGATOR_FIXED_RUN_OUT"); path != "" {
		buf, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf, 0o644); err != nil {
			t.Fatalf("writing the native run: %v", err)
		}
	}

	path := os.Getenv("RELEGATOR_FIXED_RUN_WANT")
	if path == "" {
		return
	}
	buf, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the native run: %v", err)
	}
	var want fixedRun
	if err := json.Unmarshal(buf, &want); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	compare(t, "validation loss", a.ValLoss, want.ValLoss)
	compare(t, "parameters", a.Params, want.Params)
	compare(t, "pass significance", []float64{a.PassZ}, []float64{want.PassZ})
}

// compare fails t when the values called name differ from the native run
// in length or by more than 1e-9 relative in any element.
func compare(t *testing.T, name string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, native run has %d", name, len(got), len(want))
	}
	for i := range got {
		d := math.Abs(got[i] - want[i])
		if d > 1e-9*math.Max(1, math.Abs(want[i])) {
			t.Fatalf("%s[%d] = %.17g, native run %.17g", name, i, got[i], want[i])
		}
	}
}
