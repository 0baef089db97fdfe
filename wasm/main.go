//go:build js && wasm

// Command wasm is relegator's browser program: it trains the relegation
// classifier inside the page's event loop and draws its decision map live.
// Build it with
//
//	GOOS=js GOARCH=wasm go build -o site/main.wasm ./wasm
//
// and serve site/ (index.html loads wasm_exec.js and main.wasm by relative
// paths).
//
// # DOM ids
//
// The page body is rendered by vecty. Browser tests may rely on these ids.
//
// Buttons (click):
//
//	play            Play / Pause; its text is "Play" or "Pause"
//	step            train one epoch
//	reset           new weights on the same data, and clears an error
//	regenerate      new data (the seed is incremented) and new weights
//	preset-browser  the browser configuration (config.Browser)
//	preset-seed     the seed's reference configuration trained the seed's
//	                way (config.SeedRecipe)
//	preset-default  the tuned recipe at full size (config.Tuned)
//	fit-mass        fit the mass histograms once training pauses
//
// Controls. Range sliders apply on "input" and "change", every other
// control on "change". Each control with id X has a label (for=X) and an
// error element X-error, empty while the control's value is valid:
//
//	noise            number slider, 0 to 1
//	angle            slider, 0 to 3.14 radians
//	sig-fraction     log-scale slider, 0.001 to 0.5 (its value is log10 f)
//	n-events         number: training events
//	width-fom        number: mass width of the signal
//	model-type       select: relegator, relegator_factor, relegator_diff,
//	                 relegator_v2, binary_softmax, mod_binary, regress
//	hidden-nodes     text: layer widths, such as "40,40,20"
//	learning-rate    number
//	input-dropout    number
//	batch-size       text: "full" or a number of events
//	ot-cutoff        checkbox: early stop on the validation loss
//	ot-cutoff-depth  number: epochs in the early-stop fit
//	n-epochs         number: the epoch limit
//	selection        select: argmax or p_sig, the rule that calls an
//	                 event signal (changing it keeps the weights)
//	seed             number
//
// Readouts (text content):
//
//	epoch, loss, accuracy, val-significance, raw-significance,
//	pass-significance, bayes-significance, relegated-fraction,
//	pass-counts, stop-reason, evaluated-epoch,
//	status           "running", "paused", "done" or "error"
//	confusion        table of the analysis sample, truth by predicted class
//	message          the current error message, empty when there is none
//
// Figures:
//
//	map             the decision-map figure (a div holding two canvases)
//	map-canvas      the decision map, one pixel per grid cell, scaled by CSS
//	points-canvas   training points, axes and ticks, at devicePixelRatio
//	history-canvas  loss and significance against epoch
//	mass-canvas     mass histograms before and after the selection and,
//	                once fitted, the counts after selection minus the
//	                fitted background
//
// # JavaScript API
//
// window.relegator is set once the program runs; window.relegatorReady is
// a Promise that resolves to it. Every method throws an Error with a
// message when its input is invalid:
//
//	state()        plain object: epoch, running, done, status, loss,
//	               accuracy, significance (validation), raw_significance,
//	               pass_significance, bayes_significance,
//	               relegated_fraction, error, stop_reason, map_counts
//	               {background, signal, relegated}, evaluated_epoch,
//	               mass_fits (mass histograms with a background fit
//	               shown, 0 to 2), mass_fits_due (fits requested and
//	               not yet run),
//	               field_errors {config key: message}, steps_per_frame
//	               (trainer Work calls, each a piece of a step, in the
//	               last frame), frame_ms, max_tick_ms (of the last 64
//	               frames), ticks
//	               and long_ticks (frames over 50 ms, since the start),
//	               heap_bytes, gc_count, params {config key: value};
//	               a number not yet known is null
//	set(params)    object of config keys (JSON names, values as numbers,
//	               booleans, strings or arrays); all apply or, when one
//	               is invalid, none. A data key regenerates the data,
//	               selection re-evaluates, any other key resets the
//	               weights
//	play(), pause(), reset(), regenerate()
//	step(n)        trains n epochs (default 1) in the frames to come and
//	               returns a Promise of state() once they are done or
//	               training stopped
//	bench({events, batch, hidden, seconds})
//	               trains a relegator (defaults 10000 events, full batch,
//	               [40, 40, 20], 3 s) in the frames to come, training
//	               paused meanwhile; Promise of {epochs_per_second,
//	               gflops, epochs, train_seconds, wall_seconds}, rates
//	               per second of time inside trainer steps
//	debugFault(kind)
//	               for tests: "panic" panics inside the call,
//	               "frame_panic" inside the next frame, "diverge" ends
//	               the run as a divergence would
package main

import (
	"strings"
	"syscall/js"

	"github.com/hexops/vecty"

	"github.com/relegator/relegator/core/config"
)

func main() {
	query := strings.TrimPrefix(js.Global().Get("location").Get("search").String(), "?")
	app := NewAppFromURL(query, config.Browser(), writeURL, logError)
	l := newLoop(app)
	page := &Page{App: app, Loop: l}
	l.page = page
	installAPI(l)
	// RenderBody renders synchronously and then blocks forever; the first
	// frame asked for here runs after it.
	l.wake()
	vecty.RenderBody(page)
}

// writeURL replaces the query of the page's address with query, keeping
// the path, without reloading or adding a history entry.
func writeURL(query string) {
	defer func() {
		// A sandboxed frame may refuse replaceState; the run goes on
		// without URL state.
		if r := recover(); r != nil {
			logError("updating the page address failed: " + errorText(r))
		}
	}()
	u := js.Global().Get("location").Get("pathname").String()
	if query != "" {
		u += "?" + query
	}
	js.Global().Get("history").Call("replaceState", nil, "", u)
}

// errorText returns the message of a recovered value.
func errorText(r any) string {
	if err, ok := r.(error); ok {
		return err.Error()
	}
	if s, ok := r.(string); ok {
		return s
	}
	return "unknown failure"
}
