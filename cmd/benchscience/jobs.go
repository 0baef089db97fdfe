package main

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/eval"
)

// seedRecipeName names the seed's training recipe in the table.
const seedRecipeName = "seed recipe"

// Jobs returns the fits that o requests, point by point. Every model type
// is fitted with the tuned recipe and each variant for seeds 1 to o.seeds.
// At the grid points listed in o.seedPoints, the relegator is also fitted
// with the seed's recipe for seeds 1 to o.seedRecipeSeeds.
func Jobs(o options) []Job {
	seedRecipe := Recipe{Name: seedRecipeName, Config: config.SeedRecipe()}
	recipes := append([]Recipe{o.tuned}, o.variants...)
	var jobs []Job
	for _, p := range o.points {
		for _, m := range o.models {
			for _, r := range recipes {
				for s := 1; s <= o.seeds; s++ {
					jobs = append(jobs, Job{Recipe: r, Model: m, Point: p, Seed: uint64(s)})
				}
			}
			if m != config.Relegator || !contains(o.seedPoints, p) {
				continue
			}
			for s := 1; s <= o.seedRecipeSeeds; s++ {
				jobs = append(jobs, Job{Recipe: seedRecipe, Model: m, Point: p, Seed: uint64(s)})
			}
		}
	}
	return jobs
}

func contains(pts []Point, p Point) bool {
	for _, q := range pts {
		if q == p {
			return true
		}
	}
	return false
}

// estimateCost returns a rough relative cost of a job, so the slowest fits
// start first: a seed-recipe fit trains on the whole training part per
// step for hundreds of epochs, many times longer than a tuned one.
func estimateCost(j Job) float64 {
	if j.Recipe.Name == seedRecipeName {
		return 30
	}
	return 1
}

// BayesLimits returns the Bayes limit of every point of jobs, with the
// window, sample size and significance formula of base.
func BayesLimits(base config.Config, jobs []Job) (map[Point]eval.BayesResult, error) {
	limits := map[Point]eval.BayesResult{}
	bl := eval.NewBayesLimit()
	for _, j := range jobs {
		if _, ok := limits[j.Point]; ok {
			continue
		}
		c := base
		c.Noise, c.Angle, c.SigFraction = j.Point.Noise, j.Point.Angle, j.Point.SigFraction
		r, err := bl.Compute(c)
		if err != nil {
			return nil, err
		}
		limits[j.Point] = r
	}
	return limits, nil
}

// parseVariant reads a recipe written NAME:QUERY: base with the config
// keys of the URL query QUERY applied.
func parseVariant(text string, base config.Config) (Recipe, error) {
	name, query, ok := strings.Cut(text, ":")
	name = strings.TrimSpace(name)
	if !ok || name == "" || name == seedRecipeName {
		return Recipe{}, fmt.Errorf("-variant %q: want NAME:QUERY with a name other than %q, such as 'window counts:signif_counts=window'",
			text, seedRecipeName)
	}
	v, err := url.ParseQuery(query)
	if err != nil {
		return Recipe{}, fmt.Errorf("-variant %q: %w", text, err)
	}
	c, err := config.DecodeURL(v, base)
	if err != nil {
		return Recipe{}, fmt.Errorf("-variant %q: %w", text, err)
	}
	return Recipe{Name: name, Config: c}, nil
}
