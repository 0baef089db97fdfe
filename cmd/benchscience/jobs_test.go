package main

import (
	"testing"

	"github.com/relegator/relegator/core/config"
)

func TestJobsSeedRecipeOnlyForRelegator(t *testing.T) {
	p := Point{0.2, 1.4, 0.01}
	q := Point{0.5, 1.4, 0.018}
	o := options{
		seeds:           3,
		seedRecipeSeeds: 2,
		models:          []string{config.Relegator, config.Regress},
		points:          []Point{p, q},
		seedPoints:      []Point{q, {0.9, 1.4, 0.5}},
		tuned:           Recipe{Name: "tuned", Config: config.Tuned()},
	}
	jobs := Jobs(o)
	count := map[string]int{}
	for _, j := range jobs {
		count[j.Recipe.Name+" "+j.Model+" "+j.Point.String()]++
		if j.Seed < 1 {
			t.Errorf("job %+v has seed 0", j)
		}
	}
	want := map[string]int{
		"tuned relegator 0.2/0.01":        3,
		"tuned regress 0.2/0.01":          3,
		"tuned relegator 0.5/0.018":       3,
		"tuned regress 0.5/0.018":         3,
		"seed recipe relegator 0.5/0.018": 2,
	}
	if len(count) != len(want) {
		t.Errorf("job groups %v, want %v", count, want)
	}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%s: %d jobs, want %d", k, count[k], n)
		}
	}
}

func TestJobConfigSetsPoint(t *testing.T) {
	j := Job{Recipe: Recipe{Name: "tuned", Config: config.Tuned()}, Model: config.Regress,
		Point: Point{0.7, 1.4, 0.0032}, Seed: 4}
	c := j.Config()
	if c.Noise != 0.7 || c.Angle != 1.4 || c.SigFraction != 0.0032 || c.ModelType != config.Regress || c.Seed != 4 {
		t.Errorf("config has noise %g, angle %g, f %g, model %s, seed %d; want 0.7, 1.4, 0.0032, regress, 4",
			c.Noise, c.Angle, c.SigFraction, c.ModelType, c.Seed)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("job config is invalid: %v", err)
	}
	c.HiddenNodes[0] = 1
	if j.Recipe.Config.HiddenNodes[0] == 1 {
		t.Error("the job config shares HiddenNodes with its recipe")
	}
}

func TestParseVariant(t *testing.T) {
	base := config.Tuned()
	r, err := parseVariant("window counts:signif_counts=window&batch_size=256", base)
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "window counts" || r.Config.SignifCounts != config.CountWindow || r.Config.BatchSize != 256 {
		t.Errorf("variant %q has counts %q and batch size %d, want window counts, window, 256",
			r.Name, r.Config.SignifCounts, r.Config.BatchSize)
	}
	if r.Config.LearningRate != base.LearningRate {
		t.Errorf("variant changed learning_rate to %g; keys not in the query must keep the base values", r.Config.LearningRate)
	}
	for _, bad := range []string{"no colon", ":batch_size=256", "seed recipe:batch_size=256", "x:batch_size=-1", "x:no_such_key=1"} {
		if _, err := parseVariant(bad, base); err == nil {
			t.Errorf("parseVariant(%q) returned no error", bad)
		}
	}
}
