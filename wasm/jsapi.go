//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"syscall/js"

	"github.com/relegator/relegator/core/config"
)

// installAPI sets window.relegator for embedding pages and tests. Each
// method returns {value} or {error}; load.js wraps them so that an error
// becomes a thrown Error, because syscall/js cannot throw. The functions
// live as long as the page, so they are never released.
func installAPI(l *loop) {
	raw := js.Global().Get("Object").New()
	method := func(name string, fn func(args []js.Value) (any, error)) {
		raw.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
			defer func() {
				if r := recover(); r != nil {
					l.app.Recover("relegator."+name, r)
					l.wake()
					out = apiError("relegator." + name + " failed with an internal error; see the page's message")
				}
			}()
			v, err := fn(args)
			l.wake()
			if err != nil {
				return apiError(err.Error())
			}
			return map[string]any{"value": v}
		}))
	}
	a := l.app
	method("state", func([]js.Value) (any, error) { return stateObject(l), nil })
	method("set", func(args []js.Value) (any, error) {
		params, err := paramsText(arg(args, 0))
		if err != nil {
			return nil, err
		}
		return nil, a.SetParams(params)
	})
	method("play", func([]js.Value) (any, error) { a.Play(); return nil, nil })
	method("pause", func([]js.Value) (any, error) { a.Pause(); return nil, nil })
	method("reset", func([]js.Value) (any, error) { a.Reset(); return nil, nil })
	method("regenerate", func([]js.Value) (any, error) { a.Regenerate(); return nil, nil })
	method("step", func(args []js.Value) (any, error) { return stepPromise(l, arg(args, 0)) })
	method("bench", func(args []js.Value) (any, error) { return benchPromise(l, arg(args, 0)) })
	method("debugFault", func(args []js.Value) (any, error) {
		return nil, a.InjectFault(arg(args, 0).String())
	})

	if started := js.Global().Get("relegatorStarted"); started.Type() == js.TypeFunction {
		started.Invoke(raw)
		return
	}
	// Without load.js the raw methods are the API.
	js.Global().Set("relegator", raw)
}

func apiError(msg string) map[string]any { return map[string]any{"error": msg} }

// arg returns args[i], or undefined when it is missing.
func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// stateObject returns the page's state as a plain object.
func stateObject(l *loop) js.Value {
	a := l.app
	s := js.Global().Get("Object").New()
	s.Set("epoch", a.Epoch())
	s.Set("running", a.Running())
	s.Set("done", a.Done())
	s.Set("status", a.Status())
	s.Set("error", a.Message())
	s.Set("stop_reason", a.StopReason())
	s.Set("benchmarking", a.Benchmarking())
	last, ok := a.LastEpoch()
	s.Set("loss", numberOrNull(last.Loss, ok))
	s.Set("accuracy", numberOrNull(last.Accuracy, ok))
	s.Set("val_loss", numberOrNull(last.ValLoss, ok))
	s.Set("val_accuracy", numberOrNull(last.ValAccuracy, ok))
	s.Set("significance", numberOrNull(last.ValSignificance, ok))
	r, ok := a.Result()
	s.Set("evaluated_epoch", numberOrNull(float64(a.ResultEpoch()), ok))
	s.Set("raw_significance", numberOrNull(r.RawZ, ok))
	s.Set("pass_significance", numberOrNull(r.PassZ, ok))
	s.Set("relegated_fraction", numberOrNull(r.RelegatedFraction, ok))
	s.Set("analysis_accuracy", numberOrNull(r.Accuracy, ok))
	s.Set("pass_signal", numberOrNull(r.NPassSig, ok))
	s.Set("pass_background", numberOrNull(r.NPassBkgd, ok))
	z, known, _ := a.Bayes()
	s.Set("bayes_significance", numberOrNull(z, known))
	counts := js.Global().Get("Object").New()
	if m := a.DecisionMap(); m != nil {
		counts.Set("background", m.Counts[0])
		counts.Set("signal", m.Counts[1])
		counts.Set("relegated", m.Counts[2])
	}
	s.Set("map_counts", counts)
	m := a.MassPanels()
	fitted, due := 0, 0
	for k := range m.fitted {
		if m.fitted[k] {
			fitted++
		}
		if m.fitDue[k] {
			due++
		}
	}
	s.Set("mass_fits", fitted)
	s.Set("mass_fits_due", due)
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	s.Set("heap_bytes", float64(mem.HeapAlloc))
	s.Set("gc_count", int(mem.NumGC))
	s.Set("gc_pause_ms", float64(mem.PauseTotalNs)/1e6)
	s.Set("steps_per_frame", a.StepsLastFrame)
	s.Set("frame_ms", a.FrameMS)
	s.Set("max_tick_ms", l.maxTickMS())
	s.Set("ticks", l.ticks)
	s.Set("long_ticks", l.longTicks)
	fields := map[string]string{}
	for k, e := range a.fieldErrors {
		fields[k] = e
	}
	s.Set("field_errors", toJSObject(fields))
	s.Set("params", configObject(a.Config()))
	return s
}

// numberOrNull returns v, or null when ok is false or v is not finite.
func numberOrNull(v float64, ok bool) any {
	if !ok || v != v || v > 1.7e308 || v < -1.7e308 {
		return nil
	}
	return v
}

func toJSObject(m map[string]string) js.Value {
	o := js.Global().Get("Object").New()
	for k, v := range m {
		o.Set(k, v)
	}
	return o
}

// configObject returns c as a plain object keyed by the JSON names.
func configObject(c config.Config) js.Value {
	o := js.Global().Get("Object").New()
	v := reflect.ValueOf(c)
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		key, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if key == "" || key == "-" {
			continue
		}
		f := v.Field(i)
		switch f.Kind() {
		case reflect.Int:
			o.Set(key, int(f.Int()))
		case reflect.Uint64:
			o.Set(key, float64(f.Uint()))
		case reflect.Float64:
			o.Set(key, f.Float())
		case reflect.Bool:
			o.Set(key, f.Bool())
		case reflect.String:
			o.Set(key, f.String())
		case reflect.Slice:
			list := make([]any, f.Len())
			for j := range list {
				list[j] = int(f.Index(j).Int())
			}
			o.Set(key, list)
		}
	}
	return o
}

// paramsText converts an object of config keys to the URL text of each
// value: numbers in shortest form, booleans as true or false, arrays
// joined with commas. batch_size also takes "full" for 0.
func paramsText(p js.Value) (map[string]string, error) {
	if p.Type() != js.TypeObject || p.IsNull() {
		return nil, errors.New("set: the argument must be an object of configuration keys, such as {noise: 0.3}")
	}
	keys := js.Global().Get("Object").Call("keys", p)
	out := map[string]string{}
	for i := 0; i < keys.Length(); i++ {
		k := keys.Index(i).String()
		text, err := valueText(p.Get(k))
		if err != nil {
			return nil, fmt.Errorf("set: %s: %w", k, err)
		}
		if k == "batch_size" && strings.EqualFold(text, "full") {
			text = "0"
		}
		out[k] = text
	}
	return out, nil
}

// valueText returns the URL text of one parameter value.
func valueText(v js.Value) (string, error) {
	switch v.Type() {
	case js.TypeNumber:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64), nil
	case js.TypeBoolean:
		return strconv.FormatBool(v.Bool()), nil
	case js.TypeString:
		return v.String(), nil
	case js.TypeObject:
		if js.Global().Get("Array").Call("isArray", v).Bool() {
			parts := make([]string, v.Length())
			for i := range parts {
				s, err := valueText(v.Index(i))
				if err != nil {
					return "", err
				}
				parts[i] = s
			}
			return strings.Join(parts, ","), nil
		}
	}
	return "", fmt.Errorf("value of type %s: must be a number, string, boolean or array of numbers", v.Type())
}

// newPromise returns a Promise and the functions that settle it.
func newPromise() (p js.Value, resolve, reject func(any)) {
	var res, rej js.Value
	executor := js.FuncOf(func(_ js.Value, args []js.Value) any {
		res, rej = args[0], args[1]
		return nil
	})
	// The executor runs inside the Promise constructor, so it can go.
	p = js.Global().Get("Promise").New(executor)
	executor.Release()
	return p, func(v any) { res.Invoke(v) }, func(v any) { rej.Invoke(v) }
}

// jsError returns a JavaScript Error with message msg.
func jsError(msg string) js.Value { return js.Global().Get("Error").New(msg) }

// stepPromise trains n epochs (1 when n is undefined) and returns a
// Promise of the state once they are done or training stopped.
func stepPromise(l *loop, n js.Value) (any, error) {
	epochs := 1
	if !n.IsUndefined() {
		if n.Type() != js.TypeNumber || n.Float() != float64(int(n.Float())) || n.Float() < 1 || n.Float() > 1e6 {
			return nil, fmt.Errorf("step(%s): the number of epochs must be an integer in [1, 1000000]", n.Call("toString").String())
		}
		epochs = n.Int()
	}
	p, resolve, _ := newPromise()
	err := l.app.StepEpochs(epochs, func() { resolve(stateObject(l)) })
	if err != nil {
		return nil, err
	}
	return p, nil
}

// benchPromise starts the speed benchmark and returns a Promise of
// {epochs_per_second, gflops, epochs, train_seconds, wall_seconds}.
func benchPromise(l *loop, o js.Value) (any, error) {
	opts := BenchOptions{Events: 10000, Batch: 0, Hidden: []int{40, 40, 20}, Seconds: 3}
	if !o.IsUndefined() && !o.IsNull() {
		if o.Type() != js.TypeObject {
			return nil, errors.New("bench: the argument must be an object {events, batch, hidden, seconds}")
		}
		var err error
		opts, err = benchOptions(o, opts)
		if err != nil {
			return nil, err
		}
	}
	p, resolve, reject := newPromise()
	err := l.app.StartBench(opts, func(r BenchResult, err error) {
		if err != nil {
			reject(jsError("bench: " + err.Error()))
			return
		}
		resolve(map[string]any{
			"epochs_per_second": r.EpochsPerSecond,
			"gflops":            r.GFLOPS,
			"epochs":            r.Epochs,
			"train_seconds":     r.TrainSeconds,
			"wall_seconds":      r.WallSeconds,
		})
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// benchOptions reads the fields of o over the defaults in opts.
func benchOptions(o js.Value, opts BenchOptions) (BenchOptions, error) {
	integer := func(key string, dst *int) error {
		v := o.Get(key)
		if v.IsUndefined() {
			return nil
		}
		if v.Type() != js.TypeNumber || v.Float() != float64(int(v.Float())) {
			return fmt.Errorf("bench %s: must be an integer", key)
		}
		*dst = v.Int()
		return nil
	}
	if err := integer("events", &opts.Events); err != nil {
		return opts, err
	}
	if v := o.Get("batch"); v.Type() == js.TypeString && strings.EqualFold(v.String(), "full") {
		opts.Batch = 0
	} else if err := integer("batch", &opts.Batch); err != nil {
		return opts, err
	}
	if v := o.Get("seconds"); !v.IsUndefined() {
		if v.Type() != js.TypeNumber {
			return opts, errors.New("bench seconds: must be a number")
		}
		opts.Seconds = v.Float()
	}
	if v := o.Get("hidden"); !v.IsUndefined() {
		text, err := valueText(v)
		if err != nil {
			return opts, fmt.Errorf("bench hidden: %w", err)
		}
		c := config.Browser()
		c, err = config.DecodeURL(map[string][]string{"hidden_nodes": {text}}, c)
		if err != nil {
			return opts, fmt.Errorf("bench hidden: %w", err)
		}
		opts.Hidden = c.HiddenNodes
	}
	return opts, nil
}
