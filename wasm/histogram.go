package main

import (
	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/eval"
)

// massPanels are the histograms of the feature of merit m of the analysis
// sample before and after the selection, with the fit of a Gaussian peak
// over an exponential background to each.
type massPanels struct {
	hists eval.MassHists
	// valid reports whether hists were filled.
	valid bool
	// fits are the fits to hists.All and hists.PassAll; fitted reports
	// which of them succeeded, and fitDue which are still to be run.
	fits   [2]eval.MassFit
	fitted [2]bool
	fitDue [2]bool
	// fitErrs are the errors of the fits that ran and failed.
	fitErrs [2]error
	cfg     config.Config
}

// reset marks the histograms as empty.
func (m *massPanels) reset() {
	m.valid = false
	m.fitted = [2]bool{}
	m.fitDue = [2]bool{}
	m.fitErrs = [2]error{}
}

// fill bins the events of d with the predicted classes class. Fits that
// were requested and have not run yet stay requested, now for the new
// histograms: a request made while training runs is kept through the
// evaluations until training pauses. An error leaves the panels empty.
func (m *massPanels) fill(d *data.Dataset, class []int, c config.Config) {
	due := m.fitDue
	m.reset()
	hs, err := eval.MassHistograms(d, class, c)
	if err != nil {
		return
	}
	m.hists = hs
	m.cfg = c
	m.valid = true
	m.fitDue = due
}

// requestFits schedules the fits of both panels; it reports false when
// there are no histograms to fit.
func (m *massPanels) requestFits() bool {
	if !m.valid {
		return false
	}
	m.fitDue = [2]bool{true, true}
	return true
}

// panel returns the histogram of one panel, 0 before and 1 after the
// selection.
func (m *massPanels) panel(k int) *eval.Hist {
	if k == 0 {
		return &m.hists.All
	}
	return &m.hists.PassAll
}

// fitOne runs the first pending fit and reports whether it ran. The frame
// loop runs one per frame.
//
// NOTE: eval.FitMass took 40 to 120 ms in Chromium on the 71 bins of the
// browser preset's analysis sample (2 ms natively on a smaller sample),
// longer than a frame, so fits run only when the user asks for them.
func (m *massPanels) fitOne() bool {
	for k := range m.fitDue {
		if !m.fitDue[k] {
			continue
		}
		m.fitDue[k] = false
		f, err := eval.FitMass(*m.panel(k), m.cfg)
		m.fits[k], m.fitted[k], m.fitErrs[k] = f, err == nil, err
		return true
	}
	return false
}
