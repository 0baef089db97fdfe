package main

// Bounds of the number of events that one Trainer.Work call takes through
// the network.
const (
	// workCallMS is the duration aimed at for one Work call, a fraction of
	// the frame's training budget, so that a frame ends close to its
	// budget whatever the model and batch size.
	workCallMS = 3
	firstChunk = 1024
	minChunk   = 32
	maxChunk   = 1 << 20
)

// chunker chooses the chunk of Trainer.Work from the measured duration of
// the calls: a full-batch step of the seed's configuration, 18750 events,
// takes 260 to 340 ms in Chromium, which Work splits over many frames.
type chunker struct {
	events int
}

// size returns the current chunk in events.
func (c *chunker) size() int {
	if c.events == 0 {
		c.events = firstChunk
	}
	return c.events
}

// adapt halves the chunk after a call longer than twice workCallMS and
// doubles it after one shorter than half of it. A call that ended a step
// (pending false) may have taken fewer events than the chunk, so it never
// grows the chunk. It returns whether the chunk changed.
func (c *chunker) adapt(ms float64, pending bool) bool {
	n := c.size()
	switch {
	case ms > 2*workCallMS:
		c.events = max(minChunk, n/2)
	case ms < workCallMS/2 && pending:
		c.events = min(maxChunk, 2*n)
	}
	return c.events != n
}

// reset returns to the first chunk, for a new model or batch size.
func (c *chunker) reset() { c.events = 0 }
