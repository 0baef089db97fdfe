package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// syncPipe returns a reader and a writer joined by an OS pipe, so that
// the test reads the served URL while run is still serving.
func syncPipe(t *testing.T) (*os.File, *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	return r, w
}

func TestRunServesUntilCanceled(t *testing.T) {
	dir := testSite(t)
	stdoutR, stdoutW := syncPipe(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-dir", dir, "-addr", "127.0.0.1:0"}, stdoutW, io.Discard, func(string) string { return "" })
	}()

	line, err := bufio.NewReader(stdoutR).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the start line: %v", err)
	}
	pattern := regexp.MustCompile(`^serving (.+)/ at (http://127\.0\.0\.1:\d+/)\n$`)
	m := pattern.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("start line = %q, want it to match %s", line, pattern)
	}
	if m[1] != filepath.ToSlash(dir) {
		t.Errorf("start line names directory %q, want %q", m[1], filepath.ToSlash(dir))
	}

	resp, err := http.Get(m[2] + "main.wasm")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET main.wasm status = %d, want 200", resp.StatusCode)
	}
	if got := resp.Header.Get("Content-Type"); got != "application/wasm" {
		t.Errorf("GET main.wasm Content-Type = %q, want application/wasm", got)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run after cancel = %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return within 10 s of the cancel")
	}
}

func TestRunRejectsBadInput(t *testing.T) {
	dir := testSite(t)
	file := filepath.Join(dir, "index.html")
	tests := []struct {
		name    string
		args    []string
		port    string
		wantErr string
	}{
		{"missing directory", []string{"-dir", filepath.Join(dir, "missing")}, "", "directory to serve"},
		{"file as directory", []string{"-dir", file}, "", "not a directory"},
		{"stray argument", []string{"-dir", dir, "extra"}, "", `unexpected argument "extra"`},
		{"unknown flag", []string{"-port", "80"}, "", "flag provided but not defined"},
		{"port not a number", []string{"-dir", dir}, "http", `PORT "http"`},
		{"port out of range", []string{"-dir", dir}, "70000", `PORT "70000"`},
		{"malformed address", []string{"-dir", dir, "-addr", "127.0.0.1:http:1"}, "", "127.0.0.1:http:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(key string) string {
				if key == "PORT" {
					return tt.port
				}
				return ""
			}
			err := run(context.Background(), tt.args, io.Discard, io.Discard, getenv)
			if err == nil {
				t.Fatal("run returned nil, want an error")
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %q, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestDefaultAddress(t *testing.T) {
	tests := []struct {
		port, want string
	}{
		{"", "127.0.0.1:8080"},
		{"9000", "127.0.0.1:9000"},
		{"0", "127.0.0.1:0"},
	}
	for _, tt := range tests {
		got, err := defaultAddress(tt.port)
		if err != nil {
			t.Errorf("defaultAddress(%q) error: %v", tt.port, err)
			continue
		}
		if got != tt.want {
			t.Errorf("defaultAddress(%q) = %q, want %q", tt.port, got, tt.want)
		}
	}
}
