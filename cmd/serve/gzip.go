package main

import (
	"compress/gzip"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// gzipWriters recycles compressors, because each one allocates several
// hundred kilobytes of window and tables.
var gzipWriters = sync.Pool{
	New: func() any { return gzip.NewWriter(nil) },
}

// withGzip compresses the 200 OK responses of next whose content type is
// text, JavaScript, JSON, SVG or WebAssembly, for clients that accept gzip.
// It drops Range requests from such clients, because a byte range of the
// file is no byte range of the compressed stream.
func withGzip(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if !acceptsGzip(r.Header.Get("Accept-Encoding")) {
			next.ServeHTTP(w, r)
			return
		}
		r = r.Clone(r.Context())
		r.Header.Del("Range")
		r.Header.Del("If-Range")
		gw := &gzipResponseWriter{ResponseWriter: w, head: r.Method == http.MethodHead}
		defer gw.close()
		next.ServeHTTP(gw, r)
	})
}

// acceptsGzip reports whether an Accept-Encoding header value lists gzip
// with a nonzero quality.
func acceptsGzip(header string) bool {
	for _, item := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(item, ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		name, value, ok := strings.Cut(strings.TrimSpace(params), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(name), "q") {
			return true
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		return err == nil && q > 0
	}
	return false
}

// compressible reports whether a response of the given content type
// shrinks under gzip. Images other than SVG are compressed already.
func compressible(contentType string) bool {
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	switch mediaType {
	case "application/wasm", "text/javascript", "application/javascript",
		"application/json", "image/svg+xml":
		return true
	}
	return strings.HasPrefix(mediaType, "text/")
}

// gzipResponseWriter decides at WriteHeader whether to compress the body.
// It compresses a 200 OK of a compressible type that has no encoding yet.
type gzipResponseWriter struct {
	http.ResponseWriter
	head        bool // a HEAD response gets the headers but no body
	wroteHeader bool
	gz          *gzip.Writer
}

func (w *gzipResponseWriter) WriteHeader(code int) {
	if w.wroteHeader {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	w.wroteHeader = true
	h := w.Header()
	if code == http.StatusOK && h.Get("Content-Encoding") == "" && compressible(h.Get("Content-Type")) {
		h.Del("Content-Length")
		// The handler ignores Range on compressed responses.
		h.Del("Accept-Ranges")
		h.Set("Content-Encoding", "gzip")
		if !w.head {
			w.gz = gzipWriters.Get().(*gzip.Writer)
			w.gz.Reset(w.ResponseWriter)
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *gzipResponseWriter) Write(p []byte) (int, error) {
	if !w.wroteHeader {
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", http.DetectContentType(p))
		}
		w.WriteHeader(http.StatusOK)
	}
	if w.gz != nil {
		return w.gz.Write(p)
	}
	return w.ResponseWriter.Write(p)
}

// close flushes the compressed stream, if any, and recycles the compressor.
func (w *gzipResponseWriter) close() {
	if w.gz == nil {
		return
	}
	// The client has the whole body or has gone, and the handler has
	// returned, so a failed flush has no one left to report to.
	_ = w.gz.Close()
	w.gz.Reset(nil)
	gzipWriters.Put(w.gz)
	w.gz = nil
}
