//go:build js && wasm

package main

import (
	"strconv"

	"github.com/hexops/vecty"
	"github.com/hexops/vecty/elem"

	"github.com/relegator/relegator/core/config"
)

// dataFields are the controls of the data; a change regenerates them.
var dataFields = []fieldSpec{
	{id: "noise", key: "noise", label: "Noise", kind: kindSlider,
		min: "0", max: "1", step: "0.01", show: showPlain},
	{id: "angle", key: "angle", label: "Angle (rad)", kind: kindSlider,
		min: "0", max: "3.14", step: "0.01", show: showPlain},
	{id: "sig-fraction", key: "sig_fraction", label: "Signal fraction", kind: kindSlider,
		min: "-3", max: "-0.30103", step: "0.01",
		toConfig: logToValue, fromConfig: valueToLog, show: showPlain},
	{id: "n-events", key: "n_events", label: "Training events", kind: kindNumber,
		min: "10", step: "100"},
	{id: "width-fom", key: "width_fom", label: "Mass width", kind: kindNumber,
		min: "0", step: "0.005"},
	{id: "seed", key: "seed", label: "Seed", kind: kindNumber, min: "0", step: "1"},
}

// modelFields are the controls of the model and its training; a change
// resets the weights (the selection rule only re-evaluates).
var modelFields = []fieldSpec{
	{id: "model-type", key: "model_type", label: "Model", kind: kindSelect, options: []string{
		config.Relegator, config.RelegatorFactor, config.RelegatorDiff, config.RelegatorV2,
		config.BinarySoftmax, config.ModBinary, config.Regress}},
	{id: "hidden-nodes", key: "hidden_nodes", label: "Hidden layers", kind: kindText},
	{id: "learning-rate", key: "learning_rate", label: "Learning rate", kind: kindNumber,
		step: "any"},
	{id: "input-dropout", key: "input_dropout", label: "Input dropout", kind: kindNumber,
		min: "0", max: "0.99", step: "0.01"},
	{id: "batch-size", key: "batch_size", label: "Batch size", kind: kindText,
		toConfig: batchToConfig, fromConfig: batchFromConfig},
	{id: "ot-cutoff", key: "ot_cutoff", label: "Early stop", kind: kindCheckbox},
	{id: "ot-cutoff-depth", key: "ot_cutoff_depth", label: "Early-stop depth", kind: kindNumber,
		min: "2", step: "1"},
	{id: "n-epochs", key: "n_epochs", label: "Max epochs", kind: kindNumber,
		min: "1", step: "1"},
	{id: "selection", key: "selection", label: "Selection rule", kind: kindSelect,
		options: []string{config.Argmax, config.PSig}},
}

// Controls is the panel of buttons and labelled configuration controls.
type Controls struct {
	vecty.Core
	App     *App     `vecty:"prop"`
	Loop    *loop    `vecty:"prop"`
	Buttons *Buttons `vecty:"prop"`
	// seen is the App's ControlsVersion at the last render, and renders
	// counts the renders.
	seen    uint64
	renders int
}

// SkipRender implements vecty.RenderSkipper: the fields are rendered again
// only when their values or messages changed, because a render of all of
// them takes a good part of a frame. Buttons is re-rendered on its own.
// The first two renders always run: the second sets the sliders' values
// once their min and max exist (see NewApp).
func (c *Controls) SkipRender(prev vecty.Component) bool {
	return c.renders >= 2 && c.seen == c.App.ControlsVersion
}

// Render implements vecty.Component.
func (c *Controls) Render() (out vecty.ComponentOrHTML) {
	defer c.Loop.renderGuard("controls", &out)
	c.seen = c.App.ControlsVersion
	c.renders++
	values := config.EncodeURL(c.App.Config())
	return elem.Aside(vecty.Markup(vecty.Class("controls")),
		c.Buttons,
		c.renderFieldSet("Data (new data on change)", dataFields, values),
		c.renderFieldSet("Model and training (new weights on change)", modelFields, values),
		elem.Paragraph(vecty.Markup(vecty.Class("note")),
			vecty.Text("Signal fraction f = "+strconv.FormatFloat(c.App.cfg.SigFraction, 'g', 3, 64)+
				" of "+strconv.Itoa(c.App.cfg.WeightedNEvents)+" analysis events. "+
				"The settings are kept in the page address, so a link reproduces the run.")),
	)
}

func (c *Controls) renderFieldSet(legend string, specs []fieldSpec, values map[string][]string) *vecty.HTML {
	children := make([]vecty.MarkupOrChild, 0, len(specs)+1)
	children = append(children, elem.Legend(vecty.Text(legend)))
	for _, s := range specs {
		children = append(children, renderField(c.App, c.Loop, s, values))
	}
	return elem.FieldSet(children...)
}
