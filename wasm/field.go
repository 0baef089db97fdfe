//go:build js && wasm

package main

import (
	"math"
	"net/url"
	"strconv"

	"github.com/hexops/vecty"
	"github.com/hexops/vecty/elem"
	"github.com/hexops/vecty/event"
	"github.com/hexops/vecty/prop"
)

// Kinds of control.
const (
	kindSlider = iota
	kindNumber
	kindText
	kindSelect
	kindCheckbox
)

// fieldSpec describes one labelled control of a configuration key.
type fieldSpec struct {
	id, key, label string
	kind           int
	// min, max and step bound sliders and number inputs ("" for none).
	min, max, step string
	// options are the choices of a select.
	options []string
	// toConfig converts the control's text to the key's URL text and
	// fromConfig the other way; nil means the texts are the same.
	toConfig   func(string) string
	fromConfig func(string) string
	// show formats the key's URL text beside a slider.
	show func(string) string
}

// renderField renders a control with its label, its value beside it when
// it is a slider, and its error message. values are the configuration's
// URL texts.
func renderField(a *App, l *loop, s fieldSpec, values url.Values) *vecty.HTML {
	text := values.Get(s.key)
	if s.fromConfig != nil {
		text = s.fromConfig(text)
	}
	if draft, ok := a.Draft(s.key); ok {
		text = draft
	}
	msg := a.FieldError(s.key)
	var shown vecty.ComponentOrHTML
	if s.show != nil {
		shown = elem.Span(vecty.Markup(vecty.Class("value")), vecty.Text(s.show(values.Get(s.key))))
	}
	return elem.Div(
		vecty.Markup(vecty.Class("field"), vecty.ClassMap{"invalid": msg != ""}),
		elem.Label(vecty.Markup(prop.For(s.id)), vecty.Text(s.label)),
		renderControl(a, l, s, text),
		shown,
		elem.Span(vecty.Markup(prop.ID(s.id+"-error"), vecty.Class("error"),
			vecty.Attribute("role", "alert")), vecty.Text(msg)),
	)
}

// renderControl renders the input or select of s showing text. Its
// handlers apply the value through App.SetField. A text or number input
// also stores each keystroke as a draft, so that a re-render while typing
// keeps the text.
func renderControl(a *App, l *loop, s fieldSpec, text string) *vecty.HTML {
	apply := func(e *vecty.Event) {
		l.handle(s.id+" control", func() {
			v := e.Target.Get("value").String()
			if s.kind == kindCheckbox {
				v = strconv.FormatBool(e.Target.Get("checked").Bool())
			}
			if s.toConfig != nil {
				v = s.toConfig(v)
			}
			a.SetField(s.key, v)
		})
	}
	switch s.kind {
	case kindSelect:
		options := make([]vecty.MarkupOrChild, 0, len(s.options)+1)
		options = append(options, vecty.Markup(prop.ID(s.id), prop.Value(text), event.Change(apply)))
		for _, o := range s.options {
			options = append(options, elem.Option(
				vecty.Markup(prop.Value(o), vecty.Property("selected", o == text)), vecty.Text(o)))
		}
		return elem.Select(options...)
	case kindCheckbox:
		return elem.Input(vecty.Markup(prop.ID(s.id), prop.Type(prop.TypeCheckbox),
			prop.Checked(text == "true"), event.Change(apply)))
	case kindSlider:
		return elem.Input(vecty.Markup(prop.ID(s.id), prop.Type(prop.TypeRange),
			vecty.Attribute("min", s.min), vecty.Attribute("max", s.max), vecty.Attribute("step", s.step),
			prop.Value(text), event.Input(apply), event.Change(apply)))
	}
	draft := func(e *vecty.Event) {
		a.SetDraft(s.key, e.Target.Get("value").String())
	}
	typ := prop.TypeText
	if s.kind == kindNumber {
		typ = prop.TypeNumber
	}
	return elem.Input(vecty.Markup(prop.ID(s.id), prop.Type(typ),
		vecty.MarkupIf(s.min != "", vecty.Attribute("min", s.min)),
		vecty.MarkupIf(s.max != "", vecty.Attribute("max", s.max)),
		vecty.MarkupIf(s.step != "", vecty.Attribute("step", s.step)),
		vecty.Attribute("aria-describedby", s.id+"-error"),
		prop.Value(text), event.Input(draft), event.Change(apply)))
}

// logToValue converts a log10 slider position to the value's URL text,
// keeping three significant digits.
func logToValue(pos string) string {
	v, err := strconv.ParseFloat(pos, 64)
	if err != nil {
		return pos
	}
	return strconv.FormatFloat(math.Pow(10, v), 'g', 3, 64)
}

// valueToLog returns the log10 slider position of a value's URL text.
func valueToLog(text string) string {
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || !(v > 0) {
		return text
	}
	return strconv.FormatFloat(math.Log10(v), 'f', 3, 64)
}

// batchToConfig reads "full" as batch size 0.
func batchToConfig(text string) string {
	if text == "full" || text == "Full" {
		return "0"
	}
	return text
}

// batchFromConfig shows batch size 0 as "full".
func batchFromConfig(text string) string {
	if text == "0" {
		return "full"
	}
	return text
}

// showPlain returns the text unchanged.
func showPlain(text string) string { return text }
