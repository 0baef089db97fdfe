package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testSite writes a small site into a temporary directory: an index page,
// a script, a stylesheet, a WebAssembly module, a PNG, a dot-file, a
// directory with an index.html and one without.
func testSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"index.html":         "<!DOCTYPE html><title>test</title>" + strings.Repeat("<p>relegated</p>", 200),
		"load.js":            strings.Repeat("console.log('relegator');\n", 200),
		"style.css":          strings.Repeat("body { margin: 0; }\n", 200),
		"main.wasm":          "\x00asm\x01\x00\x00\x00" + strings.Repeat("\x00\x01\x02\x03", 2000),
		"picture.png":        "\x89PNG\r\n\x1a\n" + strings.Repeat("\x00", 64),
		".secret":            "not for clients",
		"docs/index.html":    "<!DOCTYPE html><title>docs</title>",
		"assets/data.csv":    "x,y\n1,2\n",
		".git/config":        "[core]",
		"assets/.hidden.txt": "hidden",
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// get sends a request with the given method, path and headers to h.
func get(h http.Handler, method, path string, header map[string]string) *http.Response {
	req := httptest.NewRequest(method, path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func TestHandlerContentType(t *testing.T) {
	h := newHandler(testSite(t), log.New(io.Discard, "", 0))
	tests := []struct {
		path string
		want string
	}{
		{"/main.wasm", "application/wasm"},
		{"/load.js", "text/javascript"},
		{"/style.css", "text/css"},
		{"/", "text/html"},
		{"/docs/", "text/html"},
		{"/picture.png", "image/png"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp := get(h, http.MethodGet, tt.path, nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status = %d, want 200", resp.StatusCode)
			}
			got := resp.Header.Get("Content-Type")
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("Content-Type = %q, want %q", got, tt.want)
			}
			if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q, want nosniff", got)
			}
		})
	}
}

func TestHandlerGzipRoundTrip(t *testing.T) {
	dir := testSite(t)
	h := newHandler(dir, log.New(io.Discard, "", 0))
	tests := []struct {
		path, file string
	}{
		{"/main.wasm", "main.wasm"},
		{"/load.js", "load.js"},
		{"/style.css", "style.css"},
		{"/", "index.html"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			resp := get(h, http.MethodGet, tt.path, map[string]string{"Accept-Encoding": "br, gzip;q=0.8"})
			if got := resp.Header.Get("Content-Encoding"); got != "gzip" {
				t.Fatalf("Content-Encoding = %q, want gzip", got)
			}
			if got := resp.Header.Get("Vary"); got != "Accept-Encoding" {
				t.Errorf("Vary = %q, want Accept-Encoding", got)
			}
			if got := resp.Header.Get("Content-Length"); got != "" {
				t.Errorf("Content-Length = %q on a compressed body, want none", got)
			}
			if got := resp.Header.Get("Accept-Ranges"); got != "" {
				t.Errorf("Accept-Ranges = %q on a compressed body, want none", got)
			}
			zr, err := gzip.NewReader(resp.Body)
			if err != nil {
				t.Fatalf("body is not gzip: %v", err)
			}
			got, err := io.ReadAll(zr)
			if err != nil {
				t.Fatalf("decompressing the body: %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("decompressed body has %d bytes, want the %d bytes of %s", len(got), len(want), tt.file)
			}
		})
	}
}

func TestHandlerNoGzip(t *testing.T) {
	dir := testSite(t)
	h := newHandler(dir, log.New(io.Discard, "", 0))
	want, err := os.ReadFile(filepath.Join(dir, "main.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, method, path, acceptEncoding string
		wantBody                           bool
	}{
		{"no Accept-Encoding", http.MethodGet, "/main.wasm", "", true},
		{"gzip refused", http.MethodGet, "/main.wasm", "gzip;q=0, deflate", true},
		{"identity only", http.MethodGet, "/main.wasm", "identity", true},
		{"already compressed type", http.MethodGet, "/picture.png", "gzip", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := get(h, tt.method, tt.path, map[string]string{"Accept-Encoding": tt.acceptEncoding})
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status = %d, want 200", resp.StatusCode)
			}
			if got := resp.Header.Get("Content-Encoding"); got != "" {
				t.Errorf("Content-Encoding = %q, want none", got)
			}
			if got := resp.Header.Get("Vary"); got != "Accept-Encoding" {
				t.Errorf("Vary = %q, want Accept-Encoding", got)
			}
			body, _ := io.ReadAll(resp.Body)
			if tt.wantBody && !bytes.Equal(body, want) {
				t.Errorf("body has %d bytes, want the %d bytes of the file", len(body), len(want))
			}
		})
	}
}

func TestHandlerGzipSkipsBodylessResponses(t *testing.T) {
	h := newHandler(testSite(t), log.New(io.Discard, "", 0))
	head := get(h, http.MethodHead, "/main.wasm", map[string]string{"Accept-Encoding": "gzip"})
	if head.StatusCode != http.StatusOK {
		t.Fatalf("HEAD status = %d, want 200", head.StatusCode)
	}
	if body, _ := io.ReadAll(head.Body); len(body) != 0 {
		t.Errorf("HEAD body has %d bytes, want 0", len(body))
	}

	modified := get(h, http.MethodGet, "/main.wasm", nil).Header.Get("Last-Modified")
	if modified == "" {
		t.Fatal("no Last-Modified header")
	}
	resp := get(h, http.MethodGet, "/main.wasm", map[string]string{
		"Accept-Encoding":   "gzip",
		"If-Modified-Since": modified,
	})
	if resp.StatusCode != http.StatusNotModified {
		t.Fatalf("conditional GET status = %d, want 304", resp.StatusCode)
	}
	if got := resp.Header.Get("Content-Encoding"); got != "" {
		t.Errorf("304 Content-Encoding = %q, want none", got)
	}
	if body, _ := io.ReadAll(resp.Body); len(body) != 0 {
		t.Errorf("304 body has %d bytes, want 0", len(body))
	}
}

func TestHandlerGzipIgnoresRange(t *testing.T) {
	dir := testSite(t)
	h := newHandler(dir, log.New(io.Discard, "", 0))
	want, err := os.ReadFile(filepath.Join(dir, "load.js"))
	if err != nil {
		t.Fatal(err)
	}
	resp := get(h, http.MethodGet, "/load.js", map[string]string{"Accept-Encoding": "gzip", "Range": "bytes=0-9"})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200 with the whole file", resp.StatusCode)
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatalf("body is not gzip: %v", err)
	}
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("decompressed body has %d bytes, want %d", len(got), len(want))
	}

	plain := get(h, http.MethodGet, "/load.js", map[string]string{"Range": "bytes=0-9"})
	if plain.StatusCode != http.StatusPartialContent {
		t.Errorf("uncompressed range status = %d, want 206", plain.StatusCode)
	}
}

func TestHandlerNotFound(t *testing.T) {
	var logs bytes.Buffer
	h := newHandler(testSite(t), log.New(&logs, "", 0))
	tests := []struct {
		name, path string
	}{
		{"missing file", "/missing.js"},
		{"missing directory", "/nowhere/"},
		{"directory without index", "/assets/"},
		{"directory without index or slash", "/assets"},
		{"dot-file", "/.secret"},
		{"file in dot-directory", "/.git/config"},
		{"dot-file in directory", "/assets/.hidden.txt"},
		{"parent directory", "/../etc/passwd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := get(h, http.MethodGet, tt.path, map[string]string{"Accept-Encoding": "gzip"})
			if resp.StatusCode != http.StatusNotFound {
				t.Fatalf("status = %d, want 404", resp.StatusCode)
			}
			body, _ := io.ReadAll(resp.Body)
			if got := strings.TrimSpace(string(body)); got != "404 page not found" {
				t.Errorf("body = %q, want the fixed text %q", got, "404 page not found")
			}
		})
	}
	if !strings.Contains(logs.String(), "GET /assets/: 404") {
		t.Errorf("log has no line for the 404 of /assets/:\n%s", logs.String())
	}
}

func TestHandlerListsNoDirectory(t *testing.T) {
	h := newHandler(testSite(t), log.New(io.Discard, "", 0))
	for _, path := range []string{"/assets/", "/assets"} {
		resp := get(h, http.MethodGet, path, nil)
		body, _ := io.ReadAll(resp.Body)
		if strings.Contains(string(body), "data.csv") {
			t.Errorf("GET %s lists the directory: %q", path, body)
		}
	}
	resp := get(h, http.MethodGet, "/assets/data.csv", nil)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("file inside a directory without index: status = %d, want 200", resp.StatusCode)
	}
}

func TestHandlerRejectsOtherMethods(t *testing.T) {
	h := newHandler(testSite(t), log.New(io.Discard, "", 0))
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		resp := get(h, method, "/index.html", nil)
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s status = %d, want 405", method, resp.StatusCode)
		}
		if got := resp.Header.Get("Allow"); got != "GET, HEAD" {
			t.Errorf("%s Allow = %q, want %q", method, got, "GET, HEAD")
		}
	}
}

// failingFS fails every Open with an error whose text must stay on the
// server.
type failingFS struct{}

func (failingFS) Open(name string) (http.File, error) {
	return nil, &fs.PathError{Op: "open", Path: "/srv/private" + name, Err: errors.New("input/output error")}
}

func TestHandlerHidesInternalErrors(t *testing.T) {
	var logs bytes.Buffer
	h := newFSHandler(failingFS{}, log.New(&logs, "", 0))
	resp := get(h, http.MethodGet, "/main.wasm", map[string]string{"Accept-Encoding": "gzip"})
	if resp.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500", resp.StatusCode)
	}
	body, _ := io.ReadAll(resp.Body)
	if got := strings.TrimSpace(string(body)); got != "500 Internal Server Error" {
		t.Errorf("body = %q, want the fixed text %q", got, "500 Internal Server Error")
	}
	for _, want := range []string{"/srv/private/main.wasm: input/output error", "GET /main.wasm: 500"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log has no %q:\n%s", want, logs.String())
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"GZIP", true},
		{"deflate, gzip", true},
		{"gzip;q=0.5", true},
		{"gzip; q=1.0", true},
		{"gzip;q=0", false},
		{"gzip;q=0.0", false},
		{"br, deflate", false},
		{"x-gzip", false},
	}
	for _, tt := range tests {
		if got := acceptsGzip(tt.header); got != tt.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}
