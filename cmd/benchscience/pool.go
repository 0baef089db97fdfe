package main

import (
	"cmp"
	"slices"
	"sync"
)

// RunAll runs jobs on workers goroutines and returns their results in the
// order of jobs. Jobs start longest first by the estimate cost, so a slow
// fit does not run alone at the end. done, when not nil, is called after
// each fit from the worker that ran it.
func RunAll(jobs []Job, workers, perClass int, cost func(Job) float64, done func(FitResult)) []FitResult {
	order := make([]int, len(jobs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(cost(jobs[b]), cost(jobs[a])) })

	results := make([]FitResult, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r := RunFit(jobs[i], perClass)
				results[i] = r
				if done != nil {
					mu.Lock()
					done(r)
					mu.Unlock()
				}
			}
		}()
	}
	for _, i := range order {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}
