# Build, serve, test and measure relegator. `make test` is what CI runs
# (through .ci/run); `make help` lists the targets.

GO ?= go
# PORT is the loopback port of `make serve`.
PORT ?= 8080
# FIXED_RUN_DIR receives the native result of the core's short fixed
# training run, which the WebAssembly test run then compares against.
FIXED_RUN_DIR ?= $(or $(TMPDIR),/tmp)/relegator-fixed-run
# BENCH selects the core benchmarks of `make bench` (a go test -bench regexp).
BENCH ?= .
# BENCH_SCIENCE_CSV is where `make bench-science` writes its table as CSV,
# outside the repository, whose top level has a fixed list of entries.
BENCH_SCIENCE_CSV ?= $(or $(TMPDIR),/tmp)/relegator-benchscience.csv
# BENCH_BROWSER_OUT is where `make bench-browser` writes its JSON results.
BENCH_BROWSER_OUT ?= $(or $(TMPDIR),/tmp)/relegator-bench-browser.json

WASM_ENV := GOOS=js GOARCH=wasm
# The toolchain's wasm_exec.js and go_js_wasm_exec must come from the Go
# that builds main.wasm and the tests, so they are looked up through $(GO).
GO_WASM_LIB = $$($(GO) env GOROOT)/lib/wasm

.PHONY: build serve test vet test-native test-wasm test-browser size bench bench-science bench-browser screenshot clean help

## build: compile the page's program to site/main.wasm and copy wasm_exec.js beside it
build:
	$(WASM_ENV) $(GO) build -trimpath -ldflags="-s -w" -o site/main.wasm ./wasm
	cp "$(GO_WASM_LIB)/wasm_exec.js" site/wasm_exec.js

## serve: build, then serve site/ at http://127.0.0.1:PORT/ (PORT=8080 unless set)
serve: build
	$(GO) run ./cmd/serve -dir site -addr 127.0.0.1:$(PORT)

## test: vet, native tests, the core's tests under WebAssembly in Node, browser tests
test: vet test-native test-wasm test-browser

## vet: gofmt check (outside dot and testdata folders), go vet natively and for GOOS=js GOARCH=wasm
vet:
	@unformatted=$$(find . -name '*.go' -not -path '*/.*' -not -path '*/testdata/*' | xargs gofmt -l); \
	if [ -n "$$unformatted" ]; then \
		echo "gofmt -l lists files that need formatting:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(WASM_ENV) $(GO) vet ./wasm/... ./core/...

# The browser tests run in test-browser, after `make build`. -count=1,
# because the fixed run must write its file on every run.
## test-native: go test of every package but the browser tests, natively
test-native:
	@mkdir -p "$(FIXED_RUN_DIR)"
	RELEGATOR_FIXED_RUN_OUT="$(FIXED_RUN_DIR)/native.json" \
		$(GO) test -count=1 $$($(GO) list ./... | grep -v '/wasm/browsertest$$')

## test-wasm: the core's tests compiled to WebAssembly and run in Node
test-wasm: test-native
	PATH="$(GO_WASM_LIB):$$PATH" RELEGATOR_FIXED_RUN_WANT="$(FIXED_RUN_DIR)/native.json" \
		$(WASM_ENV) $(GO) test -count=1 ./core/...

## test-browser: chromedp tests of the built page in headless Chromium
test-browser: build
	$(GO) test -count=1 -v -timeout 10m ./wasm/browsertest

## size: print the raw and gzipped size of site/main.wasm
size: build
	@raw=$$(wc -c < site/main.wasm); gz=$$(gzip -6 -c site/main.wasm | wc -c); \
	awk -v raw=$$raw -v gz=$$gz 'BEGIN { printf "site/main.wasm: %d bytes (%.2f MiB) raw, %d bytes (%.2f MiB) gzipped (gzip -6)\n", raw, raw / 1048576, gz, gz / 1048576 }'

## bench: run the core's benchmarks (select with BENCH=regexp)
bench:
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem ./core/...

## bench-science: the significance benchmark of cmd/benchscience (QUICK=1: one seed, three points)
bench-science:
	$(GO) run ./cmd/benchscience -csv "$(BENCH_SCIENCE_CSV)" $(if $(QUICK),-quick)

## bench-browser: time bench() in headless Chromium and write the results to BENCH_BROWSER_OUT
bench-browser: build
	RELEGATOR_BENCH_OUT="$(BENCH_BROWSER_OUT)" \
		$(GO) test -count=1 -v -run 'TestBenchWorkloads$$' ./wasm/browsertest

## screenshot: train in headless Chromium and save the page to site/screenshot.png
screenshot: build
	RELEGATOR_SCREENSHOT="$(CURDIR)/site/screenshot.png" \
		$(GO) test -count=1 -v -run 'TestPlayTrains$$' ./wasm/browsertest

## clean: remove the built files from site/
clean:
	rm -f site/main.wasm site/wasm_exec.js

## help: list the targets
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)
