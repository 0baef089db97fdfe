package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/relegator/relegator/core"
	"github.com/relegator/relegator/core/eval"
)

// expectedEvents is the number of events per class in the independent
// samples that measure the selection efficiencies of the expected pass
// significance.
const expectedEvents = 200000

// summary is the report of one run. Its JSON names are the runner's
// output format.
type summary struct {
	ModelType    string  `json:"model_type"`
	Seed         uint64  `json:"seed"`
	Epochs       int     `json:"epochs"`
	StopReason   string  `json:"stop_reason"`
	TrainSeconds float64 `json:"train_seconds"`
	TrainEvents  int     `json:"train_events"`
	ValEvents    int     `json:"validation_events"`
	AnalysisEvts int     `json:"analysis_events"`
	SigFraction  float64 `json:"sig_fraction"`
	Selection    string  `json:"selection"`
	Formula      string  `json:"signif_formula"`
	AccuracyVal  float64 `json:"accuracy_validation"`
	Accuracy     float64 `json:"accuracy_analysis"`
	Relegated    float64 `json:"relegated_fraction"`
	RawZ         float64 `json:"raw_significance"`
	PassZ        float64 `json:"pass_significance"`
	// AnalysisSamples is the number of analysis samples. PassZMean and
	// PassZSD are the mean and the standard deviation of the pass
	// significance over them, and the first sample gives PassZ.
	AnalysisSamples int     `json:"analysis_samples"`
	PassZMean       float64 `json:"pass_significance_mean"`
	PassZSD         float64 `json:"pass_significance_sd"`
	ExpectedPassZ   float64 `json:"expected_pass_significance"`
	BayesZ          float64 `json:"bayes_significance"`
	NRawSig         float64 `json:"n_raw_sig"`
	NRawBkgd        float64 `json:"n_raw_bkgd"`
	NPassSig        float64 `json:"n_pass_sig"`
	NPassBkgd       float64 `json:"n_pass_bkgd"`
	EffSig          float64 `json:"expected_signal_efficiency"`
	EffBkgd         float64 `json:"expected_background_efficiency"`
	// Confusion rows are the truth classes background and signal, columns
	// the predicted classes background, signal and relegated.
	Confusion eval.Confusion `json:"confusion"`
}

// execute trains the experiment to its stop and evaluates it on samples
// analysis samples.
func execute(e *core.Experiment, samples int) (summary, error) {
	start := time.Now()
	if err := e.Run(); err != nil {
		return summary{}, err
	}
	seconds := time.Since(start).Seconds()

	r, err := e.Evaluate()
	if err != nil {
		return summary{}, err
	}
	c := e.Config
	s := summary{
		ModelType:    c.ModelType,
		Seed:         c.Seed,
		Epochs:       e.Trainer.Epoch(),
		StopReason:   e.Trainer.StopReason(),
		TrainSeconds: seconds,
		TrainEvents:  e.Train.Len(),
		ValEvents:    e.Val.Len(),
		AnalysisEvts: e.Analysis.Len(),
		SigFraction:  c.SigFraction,
		Selection:    r.Rule,
		Formula:      r.Formula,
		Accuracy:     r.Accuracy,
		Relegated:    r.RelegatedFraction,
		RawZ:         r.RawZ,
		PassZ:        r.PassZ,
		NRawSig:      r.NRawSig,
		NRawBkgd:     r.NRawBkgd,
		NPassSig:     r.NPassSig,
		NPassBkgd:    r.NPassBkgd,
		Confusion:    r.Confusion,
	}
	s.AnalysisSamples = max(samples, 1)
	s.PassZMean, s.PassZSD, err = passSpread(e, r.PassZ, s.AnalysisSamples)
	if err != nil {
		return summary{}, err
	}
	if h := e.Trainer.History(); len(h) > 0 {
		s.AccuracyVal = h[len(h)-1].ValAccuracy
	}
	// NOTE: the expected pass significance and the Bayes limit draw from
	// the config's moons and mass model. For samples read from files they
	// hold only if noise, angle and the *_fom keys describe those files.
	x, err := eval.ExpectedPass(e.Trainer.Model(), c, expectedEvents, c.Seed)
	if err != nil {
		return summary{}, err
	}
	s.ExpectedPassZ, s.EffSig, s.EffBkgd = x.Z, x.EffSelSig, x.EffSelBkgd
	b, err := eval.Bayes(c)
	if err != nil {
		return summary{}, err
	}
	s.BayesZ = b.Z
	return s, nil
}

// writeJSON prints s as one indented JSON object.
func writeJSON(w io.Writer, s summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// writeText prints s for a reader.
func writeText(w io.Writer, s summary) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "model\t%s (seed %d)\n", s.ModelType, s.Seed)
	fmt.Fprintf(tw, "training\t%d epochs in %.2f s, stopped by %s\n", s.Epochs, s.TrainSeconds, s.StopReason)
	fmt.Fprintf(tw, "events\t%d train, %d validation, %d analysis (signal fraction %.4g)\n",
		s.TrainEvents, s.ValEvents, s.AnalysisEvts, s.SigFraction)
	fmt.Fprintf(tw, "accuracy\t%.4f validation, %.4f analysis, %.4f relegated\n", s.AccuracyVal, s.Accuracy, s.Relegated)
	fmt.Fprintf(tw, "selection\t%s, significance %s\n", s.Selection, s.Formula)
	fmt.Fprintf(tw, "raw significance\t%.2f\t(%.0f signal, %.0f background in the window)\n", s.RawZ, s.NRawSig, s.NRawBkgd)
	fmt.Fprintf(tw, "pass significance\t%.2f\t(%.0f signal, %.0f background pass)\n", s.PassZ, s.NPassSig, s.NPassBkgd)
	if s.AnalysisSamples > 1 {
		fmt.Fprintf(tw, "pass significance over %d samples\t%.2f ± %.2f\t(mean ± standard deviation)\n",
			s.AnalysisSamples, s.PassZMean, s.PassZSD)
	}
	fmt.Fprintf(tw, "expected pass significance\t%.2f\t(efficiency %.4f signal, %.5f background)\n", s.ExpectedPassZ, s.EffSig, s.EffBkgd)
	fmt.Fprintf(tw, "Bayes limit\t%.2f\t(expected pass / limit = %.3f)\n", s.BayesZ, ratio(s.ExpectedPassZ, s.BayesZ))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nconfusion matrix (rows truth, columns predicted):")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tbackground\tsignal\trelegated\t")
	names := [2]string{"background", "signal"}
	for i, row := range s.Confusion {
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f\t%.0f\t\n", names[i], row[0], row[1], row[2])
	}
	return tw.Flush()
}

// ratio returns a/b, or 0 when b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
