package main

import (
	"testing"
	"time"
)

func TestStampSince(t *testing.T) {
	now := time.Now()
	s := stampOf(now)
	if s == 0 {
		t.Fatal("stampOf returned the zero stamp, which means never")
	}
	if got := s.since(now.Add(300 * time.Millisecond)); got != 300*time.Millisecond {
		t.Errorf("since 300 ms later = %v, want 300ms", got)
	}
	var never stamp
	if got := never.since(now); got < 1000*time.Hour {
		t.Errorf("zero stamp since now = %v, want the maximum duration", got)
	}
}
