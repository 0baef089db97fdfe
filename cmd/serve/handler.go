package main

import (
	"errors"
	"io/fs"
	"log"
	"net/http"
	"path"
	"strings"
)

// newHandler returns the handler that serves the files under dir: GET and
// HEAD only, gzip for clients that accept it, no directory listings and no
// dot-files. It logs each failed request, and the cause of each
// server-side error, to logger.
func newHandler(dir string, logger *log.Logger) http.Handler {
	return newFSHandler(http.Dir(dir), logger)
}

// newFSHandler is [newHandler] for any file system.
func newFSHandler(root http.FileSystem, logger *log.Logger) http.Handler {
	files := http.FileServer(siteFS{root: root, logger: logger})
	return logFailures(withGzip(withHeaders(files)), logger)
}

// withHeaders sets the headers that every file response shares.
func withHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "405 Method Not Allowed", http.StatusMethodNotAllowed)
			return
		}
		h := w.Header()
		// A rebuilt main.wasm must reach the browser on the next reload,
		// so the browser revalidates every file with Last-Modified.
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Content-Type-Options", "nosniff")
		// The system's MIME table may lack .wasm or map it otherwise, and
		// WebAssembly.instantiateStreaming accepts only application/wasm.
		if path.Ext(r.URL.Path) == ".wasm" {
			h.Set("Content-Type", "application/wasm")
		}
		next.ServeHTTP(w, r)
	})
}

// siteFS is the file system that the file server reads. It hides
// dot-files and directories that have no index.html, so the server never
// lists a directory, and it logs every error other than a missing file.
type siteFS struct {
	root   http.FileSystem
	logger *log.Logger
}

// Open implements [http.FileSystem].
func (s siteFS) Open(name string) (http.File, error) {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return nil, fs.ErrNotExist
		}
	}
	f, err := s.root.Open(name)
	if err != nil {
		s.logError(name, err)
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		s.logError(name, err)
		return nil, err
	}
	if !info.IsDir() {
		return f, nil
	}
	index, err := s.root.Open(path.Join(name, "index.html"))
	if err != nil {
		f.Close()
		s.logError(path.Join(name, "index.html"), err)
		return nil, fs.ErrNotExist
	}
	index.Close()
	return f, nil
}

func (s siteFS) logError(name string, err error) {
	if !errors.Is(err, fs.ErrNotExist) {
		s.logger.Printf("open %s: %v", name, err)
	}
}

// logFailures logs the method, path and status of every response with a
// status of 400 or more.
func logFailures(next http.Handler, logger *log.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		if rec.status >= 400 {
			logger.Printf("%s %s: %d %s", r.Method, r.URL.Path, rec.status, http.StatusText(rec.status))
		}
	})
}

// statusRecorder stores the status code that a handler sends.
type statusRecorder struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

func (w *statusRecorder) WriteHeader(code int) {
	if !w.wroteHeader {
		w.status = code
		w.wroteHeader = true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(p []byte) (int, error) {
	w.wroteHeader = true
	return w.ResponseWriter.Write(p)
}
