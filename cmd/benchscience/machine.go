package main

import (
	"bufio"
	"os"
	"runtime"
	"strings"
)

// cpuModel returns the "model name" of the first processor in
// /proc/cpuinfo, or the architecture where that file cannot be read.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	defer f.Close()
	return cpuModelFrom(bufio.NewScanner(f))
}

func cpuModelFrom(s *bufio.Scanner) string {
	for s.Scan() {
		key, value, ok := strings.Cut(s.Text(), ":")
		if ok && strings.TrimSpace(key) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return runtime.GOARCH
}
