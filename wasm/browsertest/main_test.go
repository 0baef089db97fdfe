//go:build !js

package browsertest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// baseURL is the address of the page served by cmd/serve, such as
// "http://127.0.0.1:41234/". It is empty when the tests skip.
var baseURL string

// skipReason is why every browser test skips, or "" when they run.
var skipReason string

// serverLog collects what cmd/serve logs, so tests can look for failed
// requests.
var serverLog lockedBuffer

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

// runTests starts cmd/serve on site/ when the page is built, runs the
// tests and stops the server with SIGTERM. It fails the run when the
// server does not stop cleanly.
func runTests(m *testing.M) int {
	root, err := moduleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	site := filepath.Join(root, "site")
	if dir := os.Getenv("RELEGATOR_SITE"); dir != "" {
		site = dir
	}
	if _, err := os.Stat(filepath.Join(site, "main.wasm")); err != nil {
		skipReason = "site/main.wasm is missing: run `make build` first (`make test-browser` does)"
		return m.Run()
	}

	tmp, err := os.MkdirTemp("", "relegator-browsertest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	srv, err := startServer(root, site, tmp)
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	baseURL = srv.url

	code := m.Run()
	if err := srv.stop(); err != nil {
		fmt.Fprintln(os.Stderr, "browsertest: cmd/serve:", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

// moduleRoot returns the directory of the go.mod above the working
// directory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod found above the working directory")
		}
		dir = parent
	}
}

// server is a running cmd/serve process.
type server struct {
	cmd    *exec.Cmd
	url    string
	exited chan error
}

// startServer builds cmd/serve into tmp and starts it on a free loopback
// port, serving site. It returns once the server has printed its URL.
func startServer(root, site, tmp string) (*server, error) {
	bin := filepath.Join(tmp, "serve")
	build := exec.Command("go", "build", "-o", bin, "./cmd/serve")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building cmd/serve: %v\n%s", err, out)
	}

	cmd := exec.Command(bin, "-dir", site, "-addr", "127.0.0.1:0")
	cmd.Stderr = io.MultiWriter(os.Stderr, &serverLog)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting cmd/serve: %w", err)
	}
	s := &server{cmd: cmd, exited: make(chan error, 1)}

	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
		// Keep reading, so the server never blocks on a full pipe.
		io.Copy(io.Discard, stdout)
	}()
	go func() { s.exited <- cmd.Wait() }()

	startLine := regexp.MustCompile(`^serving .+/ at (http://127\.0\.0\.1:\d+/)\n$`)
	select {
	case line := <-lines:
		m := startLine.FindStringSubmatch(line)
		if m == nil {
			cmd.Process.Kill()
			return nil, fmt.Errorf("cmd/serve start line %q does not match %s", line, startLine)
		}
		s.url = m[1]
		return s, nil
	case err := <-s.exited:
		return nil, fmt.Errorf("cmd/serve exited before serving: %v", err)
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		return nil, errors.New("cmd/serve printed no URL within 30 s")
	}
}

// stop sends SIGTERM and waits for the server to exit with status 0.
func (s *server) stop() error {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return fmt.Errorf("sending SIGTERM: %w", err)
	}
	select {
	case err := <-s.exited:
		if err != nil {
			return fmt.Errorf("exit after SIGTERM: %w", err)
		}
		return nil
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
		return errors.New("still running 10 s after SIGTERM, killed")
	}
}

// lockedBuffer is a bytes.Buffer safe for one writer and many readers.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// Len returns the number of bytes written so far.
func (b *lockedBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}

// Since returns what was written after the first n bytes.
func (b *lockedBuffer) Since(n int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.Clone(b.buf.String()[n:])
}
