//go:build js && wasm

package main

import "syscall/js"

// logError writes one line to the browser console as an error. Every
// error the page catches and does not rethrow goes through it.
func logError(msg string) {
	js.Global().Get("console").Call("error", "relegator: "+msg)
}
