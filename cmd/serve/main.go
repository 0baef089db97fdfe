// Command serve is the development web server for the relegator page. It
// serves one directory (by default site/, which `make build` fills with
// index.html, wasm_exec.js and main.wasm) on the loopback interface.
//
// Usage:
//
//	serve [-dir site] [-addr 127.0.0.1:8080]
//
// The default port is 8080, or the value of the environment variable PORT.
// Files go out gzip-compressed to clients that accept it, .wasm files as
// application/wasm. Directories without an index.html and dot-files get
// 404 Not Found, and clients never see the text of a server-side error,
// which goes to the log on standard error. SIGINT or SIGTERM shuts the
// server down cleanly.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// shutdownTimeout bounds how long a shutdown waits for requests in flight.
const shutdownTimeout = 5 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(1)
	}
}

// run parses the arguments, serves until ctx ends and then shuts down. It
// prints the served URL to stdout and logs to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	defaultAddr, err := defaultAddress(getenv("PORT"))
	if err != nil {
		return err
	}
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	flags.SetOutput(stderr)
	dir := flags.String("dir", "site", "`directory` to serve")
	addr := flags.String("addr", defaultAddr, "`host:port` to listen on; port 0 picks a free port")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q: serve takes only flags", flags.Arg(0))
	}
	if err := checkDir(*dir); err != nil {
		return err
	}

	logger := log.New(stderr, "serve: ", log.LstdFlags)
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	server := &http.Server{
		Handler:           newHandler(*dir, logger),
		ErrorLog:          logger,
		ReadHeaderTimeout: 10 * time.Second,
	}
	fmt.Fprintf(stdout, "serving %s/ at http://%s/\n", filepath.ToSlash(filepath.Clean(*dir)), listener.Addr())

	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()
	select {
	case err := <-served:
		return fmt.Errorf("serving %s: %w", listener.Addr(), err)
	case <-ctx.Done():
	}
	logger.Printf("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	logger.Printf("stopped")
	return nil
}

// defaultAddress returns the loopback address on port, or on 8080 when
// port is empty.
func defaultAddress(port string) (string, error) {
	if port == "" {
		return "127.0.0.1:8080", nil
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 0 || n > 65535 {
		return "", fmt.Errorf("environment variable PORT %q: must be a port number from 0 to 65535", port)
	}
	return net.JoinHostPort("127.0.0.1", port), nil
}

// checkDir reports an error unless dir is an existing directory.
func checkDir(dir string) error {
	info, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("directory to serve: %w (run `make build` to fill site/)", err)
	}
	if !info.IsDir() {
		return fmt.Errorf("directory to serve %s: not a directory", dir)
	}
	return nil
}
