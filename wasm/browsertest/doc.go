// Package browsertest holds the browser tests of the relegator page: they
// start cmd/serve on site/, open the page in headless Chromium through
// chromedp and drive it with the window.relegator API and the DOM
// controls. The package has only tests, which run natively (never under
// GOOS=js), and they need the page built first:
//
//	make build
//	go test -v ./wasm/browsertest
//
// `make test-browser` does both. The tests skip when site/main.wasm is
// missing, and fail when Chromium is missing. Chromium is /usr/bin/chromium
// unless RELEGATOR_CHROMIUM names another executable.
//
// Environment variables for the recorded outputs:
//
//	RELEGATOR_SCREENSHOT  PNG path of the screenshot after training
//	                      (default: a file in the test's temporary directory)
//	RELEGATOR_BENCH_OUT   JSON path for the bench() results (default: none)
//
// RELEGATOR_SITE serves another directory in place of site/.
package browsertest
