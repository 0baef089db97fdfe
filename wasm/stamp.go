package main

import "time"

// stamp is an instant of Go's monotonic clock, in nanoseconds after
// clockZero; the zero stamp means "never". State structs hold stamps, not
// time.Time values: vecty's props make those structs reachable through
// interfaces, and a time.Time field there keeps time's formatting code in
// the WebAssembly page, about 12 KB of it gzipped.
type stamp int64

// clockZero is the origin of stamps, set when the program starts.
var clockZero = time.Now()

// stampOf returns the stamp of t, at least 1 so that it is never zero.
func stampOf(t time.Time) stamp { return max(stamp(t.Sub(clockZero)), 1) }

// since returns the time from s to t, or the maximum duration when s is
// zero.
func (s stamp) since(t time.Time) time.Duration {
	if s == 0 {
		return time.Duration(1<<63 - 1)
	}
	return time.Duration(stampOf(t) - s)
}
