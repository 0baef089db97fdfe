//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main explains how to build the page; the program itself runs only in a
// browser. The rest of the package builds natively so that its tests run
// with plain go test.
func main() {
	fmt.Fprintln(os.Stderr, "relegator's page runs in a browser: build it with GOOS=js GOARCH=wasm go build -o site/main.wasm ./wasm")
	os.Exit(2)
}
