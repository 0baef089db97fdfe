package main

import (
	"testing"
)

func TestChunkerAdapts(t *testing.T) {
	cases := []struct {
		name    string
		events  int
		ms      float64
		pending bool
		want    int
	}{
		{"long call halves", 1024, 3 * workCallMS, true, 512},
		{"long call that ends a step halves", 1024, 3 * workCallMS, false, 512},
		{"short pending call doubles", 1024, workCallMS / 4, true, 2048},
		{"short call that ends a step keeps", 1024, workCallMS / 4, false, 1024},
		{"call near the target keeps", 1024, workCallMS, true, 1024},
		{"halving stops at the minimum", minChunk, 100, true, minChunk},
		{"doubling stops at the maximum", maxChunk, 0, true, maxChunk},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := chunker{events: tc.events}
			changed := c.adapt(tc.ms, tc.pending)
			if got := c.size(); got != tc.want {
				t.Errorf("chunk %d after a %g ms call (pending %v), want %d", got, tc.ms, tc.pending, tc.want)
			}
			if changed != (tc.want != tc.events) {
				t.Errorf("adapt reported changed = %v, want %v", changed, tc.want != tc.events)
			}
		})
	}
}

func TestChunkedFramesTrainLikeSteps(t *testing.T) {
	c := smallConfig()
	c.BatchSize = 0
	a := NewApp(c, func(string) {}, nil)
	ref := NewApp(c, func(string) {}, nil)
	if a.Experiment() == nil || ref.Experiment() == nil {
		t.Fatalf("NewApp: no experiment, message %q", a.Message())
	}
	// The smallest chunk splits each full-batch step of 300 training
	// events into many Work calls, until the chunk grows.
	a.chunk.events = minChunk
	const epochs = 4
	finished := false
	if err := a.StepEpochs(epochs, func() { finished = true }); err != nil {
		t.Fatal(err)
	}
	frames := 0
	for !finished && frames < 10000 {
		a.Frame()
		frames++
	}
	if !finished {
		t.Fatalf("step(%d) unfinished after %d frames, epoch %d", epochs, frames, a.Epoch())
	}
	if got := a.Epoch(); got != epochs {
		t.Errorf("epoch %d after step(%d), want %d", got, epochs, epochs)
	}
	if step, end := a.StepMS(); end <= 0 || step != 0 {
		t.Errorf("step times %g / %g ms, want only epoch ends for a full batch", step, end)
	}
	if a.CallMS() <= 0 {
		t.Error("no Work call was timed")
	}

	tr := ref.Experiment().Trainer
	for tr.Epoch() < epochs {
		if err := tr.Step(); err != nil {
			t.Fatal(err)
		}
	}
	got, want := a.Experiment().Trainer.History(), tr.History()
	if len(got) != len(want) {
		t.Fatalf("%d epochs recorded, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("epoch %d: chunked frames recorded %+v, Step recorded %+v", i+1, got[i], want[i])
		}
	}
}
