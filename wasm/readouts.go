//go:build js && wasm

package main

import (
	"strconv"

	"github.com/hexops/vecty"
	"github.com/hexops/vecty/elem"
	"github.com/hexops/vecty/prop"

	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/eval"
	"github.com/relegator/relegator/core/nn"
)

// Readouts shows the live numbers of the run.
type Readouts struct {
	vecty.Core
	App  *App  `vecty:"prop"`
	Loop *loop `vecty:"prop"`
}

// Render implements vecty.Component.
func (r *Readouts) Render() (out vecty.ComponentOrHTML) {
	defer r.Loop.renderGuard("readouts", &out)
	a := r.App
	last, trained := a.LastEpoch()
	res, evaluated := a.Result()
	bayes, bayesKnown, _ := a.Bayes()
	stop := a.StopReason()
	if stop == "" {
		stop = "–"
	}
	return elem.Div(vecty.Markup(vecty.Class("readouts")),
		readout("epoch", "Epoch", strconv.Itoa(a.Epoch()), "Completed epochs"),
		readout("loss", "Loss", number(last.Loss, trained, 4),
			"Training loss of the last epoch, with dropout"),
		readout("accuracy", "Accuracy", number(last.Accuracy, trained, 3),
			"Training accuracy of the last epoch, counting relegated events as wrong"),
		readout("val-significance", "Validation Z", number(last.ValSignificance, trained, 3),
			"Soft significance of the validation part, scaled to the analysis sample"),
		readout("raw-significance", "Raw Z", number(res.RawZ, evaluated, 3),
			"Significance of every analysis event in the signal window, no selection"),
		readout("pass-significance", "Pass Z", number(res.PassZ, evaluated, 3),
			"Significance of the analysis events in the window that the model calls signal"),
		readout("bayes-significance", "Bayes limit Z", number(bayes, bayesKnown, 3),
			"Best expected significance any selection on x can reach for this configuration"),
		readout("relegated-fraction", "Relegated", percent(res.RelegatedFraction, evaluated),
			"Fraction of the analysis events the model relegates"),
		readout("pass-counts", "Pass s / b", counts(res.NPassSig, res.NPassBkgd, evaluated),
			"Signal and background analysis events in the window called signal"),
		readout("stop-reason", "Stopped", stop, "Why training stopped"),
		readout("status", "Status", a.Status(), "running, paused, done or error"),
		readout("evaluated-epoch", "Evaluated at", strconv.Itoa(a.ResultEpoch()),
			"Epoch of the weights behind the map and the analysis numbers"),
		readout("step-ms", "Step time", stepTime(a),
			"Measured time of one training step and of the last step of an epoch, which also measures the whole sample; "+
				"a long step is split over several frames"),
		r.renderSlowNote(),
		renderConfusion(res, evaluated),
	)
}

// renderConfusion renders the confusion matrix of the analysis sample,
// truth class by predicted class, with the counts inside the signal
// window in brackets.
func renderConfusion(res eval.Result, ok bool) *vecty.HTML {
	cell := func(truth, pred int) *vecty.HTML {
		text := "–"
		if ok {
			text = strconv.FormatFloat(res.Confusion[truth][pred], 'f', 0, 64) +
				" (" + strconv.FormatFloat(res.ConfusionWindow[truth][pred], 'f', 0, 64) + ")"
		}
		return elem.TableData(vecty.Text(text))
	}
	row := func(name string, truth int) *vecty.HTML {
		return elem.TableRow(elem.TableHeader(vecty.Markup(vecty.Attribute("scope", "row")), vecty.Text(name)),
			cell(truth, nn.ClassBackground), cell(truth, nn.ClassSignal), cell(truth, nn.ClassRelegated))
	}
	head := func(name string) *vecty.HTML {
		return elem.TableHeader(vecty.Markup(vecty.Attribute("scope", "col")), vecty.Text(name))
	}
	return elem.Table(vecty.Markup(prop.ID("confusion"), vecty.Class("confusion")),
		elem.Caption(vecty.Text("Analysis sample: truth by predicted class, all events (in the signal window)")),
		elem.TableHead(elem.TableRow(head(""), head("background"), head("signal"), head("relegated"))),
		elem.TableBody(row("background", data.Background), row("signal", data.Signal)),
	)
}

// slowCallMS is the duration above which one piece of training blocks the
// page noticeably: a task over 50 ms delays the response to input.
const slowCallMS = 50

// renderSlowNote warns when a single piece of training, which the
// scheduler cannot split further, is longer than a responsive page
// allows. Pieces are cut to a few milliseconds, but the loss of a batch
// is computed in one piece, which grows with the batch.
func (r *Readouts) renderSlowNote() vecty.ComponentOrHTML {
	ms := r.App.CallMS()
	if ms <= slowCallMS {
		return nil
	}
	return elem.Paragraph(vecty.Markup(prop.ID("slow-note"), vecty.Class("note", "wide")),
		vecty.Text("A piece of a training step takes "+strconv.Itoa(int(ms))+
			" ms, longer than a responsive page allows, so the page reacts slowly while training runs. "+
			"A smaller batch size or fewer training events keeps it smooth."))
}

// stepTime formats the step estimates as "ordinary / epoch end ms", with
// a dash for one not yet measured (a full batch has only epoch ends).
func stepTime(a *App) string {
	step, end := a.StepMS()
	return number(step, step > 0, 1) + " / " + number(end, end > 0, 0) + " ms"
}

func readout(id, label, value, title string) *vecty.HTML {
	return elem.Div(vecty.Markup(vecty.Attribute("title", title)),
		elem.Span(vecty.Text(label)),
		elem.Output(vecty.Markup(prop.ID(id)), vecty.Text(value)))
}

// number formats v with the given decimals, or a dash when ok is false.
func number(v float64, ok bool, decimals int) string {
	if !ok || v != v {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

func percent(v float64, ok bool) string {
	if !ok {
		return "–"
	}
	return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
}

func counts(s, b float64, ok bool) string {
	if !ok {
		return "–"
	}
	return strconv.FormatFloat(s, 'f', 0, 64) + " / " + strconv.FormatFloat(b, 'f', 0, 64)
}
