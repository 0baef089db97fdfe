//go:build !js

package browsertest

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// benchWorkload is one argument of window.relegator.bench().
type benchWorkload struct {
	Events  int     `json:"events"`
	Batch   int     `json:"batch"` // 0 means the whole sample as one batch
	Hidden  []int   `json:"hidden"`
	Seconds float64 `json:"seconds"`
}

// benchResult is the value that bench() resolves to. The speeds are per
// second of training time, which leaves out the page's drawing between
// the slices of the benchmark (wall time includes it).
type benchResult struct {
	EpochsPerSecond float64 `json:"epochs_per_second"`
	GFLOPS          float64 `json:"gflops"`
	Epochs          float64 `json:"epochs"`
	TrainSeconds    float64 `json:"train_seconds"`
	WallSeconds     float64 `json:"wall_seconds"`
}

// benchRecord is one workload and its result in the RELEGATOR_BENCH_OUT
// file.
type benchRecord struct {
	Workload benchWorkload `json:"workload"`
	Result   benchResult   `json:"result"`
}

// benchReport is the RELEGATOR_BENCH_OUT file.
type benchReport struct {
	Date      string        `json:"date"`
	UserAgent string        `json:"user_agent"`
	GoVersion string        `json:"go_version"`
	CPUs      int           `json:"cpus"`
	Results   []benchRecord `json:"results"`
}

// benchWorkloads are the three measured trainings of the MLP
// 2-40-40-20-3 with softmax output: full batch on 3000 and on 15000
// events, and minibatches of 256 on 15000 events.
var benchWorkloads = []benchWorkload{
	{Events: 3000, Batch: 0, Hidden: []int{40, 40, 20}, Seconds: 3},
	{Events: 15000, Batch: 0, Hidden: []int{40, 40, 20}, Seconds: 3},
	{Events: 15000, Batch: 256, Hidden: []int{40, 40, 20}, Seconds: 3},
}

// TestBenchWorkloads records the training speed of the page. It fails
// only when bench() fails or returns no positive finite numbers, never on
// a slow result.
func TestBenchWorkloads(t *testing.T) {
	p := newPage(t)
	p.do(`window.relegator.pause()`)
	report := benchReport{
		Date:      time.Now().UTC().Format(time.RFC3339),
		UserAgent: evalJS[string](p, `navigator.userAgent`),
		GoVersion: runtime.Version(),
		CPUs:      runtime.NumCPU(),
	}
	for _, w := range benchWorkloads {
		name := fmt.Sprintf("events=%d/batch=%d", w.Events, w.Batch)
		arg, err := json.Marshal(w)
		if err != nil {
			t.Fatal(err)
		}
		text := evalJS[string](p, `window.relegator.bench(`+string(arg)+`).then(r => JSON.stringify(r))`,
			chromedp.EvalAwaitPromise)
		var r benchResult
		if err := json.Unmarshal([]byte(text), &r); err != nil {
			t.Fatalf("%s: decoding %s: %v", name, text, err)
		}
		t.Logf("%s hidden=%v: %.1f epochs/s, %.3f GFLOP/s (%.1f epochs in %.2f s of training, %.2f s wall)",
			name, w.Hidden, r.EpochsPerSecond, r.GFLOPS, r.Epochs, r.TrainSeconds, r.WallSeconds)
		for _, v := range []struct {
			field string
			value float64
		}{{"epochs_per_second", r.EpochsPerSecond}, {"gflops", r.GFLOPS}} {
			if !(v.value > 0) || math.IsInf(v.value, 0) {
				t.Errorf("%s: %s = %g, want a positive finite number", name, v.field, v.value)
			}
		}
		report.Results = append(report.Results, benchRecord{Workload: w, Result: r})
	}

	path := os.Getenv("RELEGATOR_BENCH_OUT")
	if path == "" {
		return
	}
	out, err := json.MarshalIndent(report, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(out, '\n'), 0o644); err != nil {
		t.Fatalf("writing RELEGATOR_BENCH_OUT: %v", err)
	}
	t.Logf("bench results written to %s", path)
}
