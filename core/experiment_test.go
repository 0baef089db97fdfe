package core

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
)

func TestNewWithDataRejectsBadSamples(t *testing.T) {
	c := config.Default()
	c.NEvents = 100
	c.WeightedNEvents = 1000
	c.NEpochs = 1
	sample := func() *data.Dataset { return data.GenerateTraining(c, rand.New(rand.NewPCG(1, 2))) }
	tests := []struct {
		name     string
		change   func(training, analysis *data.Dataset)
		analysis bool
		want     string
	}{
		{"no features", func(tr, _ *data.Dataset) { tr.NFeatures, tr.X = 0, nil }, false, "training sample: 0 features"},
		{"short features", func(tr, _ *data.Dataset) { tr.X = tr.X[:150] }, false, "training sample: 150 feature values"},
		{"short masses", func(tr, _ *data.Dataset) { tr.M = tr.M[:10] }, false, "training sample: 10 masses"},
		{"short weights", func(tr, _ *data.Dataset) { tr.W = []float64{1} }, false, "training sample: 1 weights"},
		{"analysis short masses", func(_, an *data.Dataset) { an.M = an.M[:3] }, true, "analysis sample: 3 masses"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			training, analysis := sample(), sample()
			tt.change(training, analysis)
			if !tt.analysis {
				analysis = nil
			}
			_, err := NewWithData(c, training, analysis)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewWithData error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestNewWithDataGeneratesMissingSamples(t *testing.T) {
	c := config.Default()
	c.NEvents = 100
	c.WeightedNEvents = 1000
	want, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	got, err := NewWithData(c, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Train.X, want.Train.X) || !slices.Equal(got.Analysis.M, want.Analysis.M) {
		t.Error("NewWithData(c, nil, nil) draws other samples than New(c)")
	}
}
