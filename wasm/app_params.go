package main

import (
	"errors"
	"net/url"
	"strings"

	"github.com/relegator/relegator/core/config"
)

// dataKeys are the configuration keys that change the generated samples;
// a change of any of them regenerates the data.
var dataKeys = map[string]bool{
	"n_events": true, "weighted_n_events": true, "noise": true, "angle": true,
	"sig_fraction": true, "test_fraction": true, "min_fom": true, "max_fom": true,
	"mean_fom": true, "width_fom": true, "bkgd_beta": true,
	"ttsplit_random_state": true, "n_weighted_datasets": true, "seed": true,
	"train_data_file": true, "weighted_data_file": true,
}

// evalKeys change only how the analysis sample is evaluated, so a change
// keeps the trained weights.
var evalKeys = map[string]bool{"selection": true}

// SetParams applies the configuration keys of params, given as URL text
// (numbers in decimal, booleans as true or false, hidden_nodes as
// "40,40,20"). It applies all of them or, when any is invalid, none, and
// returns every problem joined, each a *config.FieldError.
func (a *App) SetParams(params map[string]string) error {
	v := url.Values{}
	for k, s := range params {
		v.Set(k, s)
	}
	c, err := config.DecodeURL(v, a.cfg)
	if err != nil {
		return err
	}
	if err := checkBrowser(c); err != nil {
		return err
	}
	for k := range params {
		a.clearField(k)
	}
	a.apply(c)
	return nil
}

// SetField applies the text of the control of one configuration key. An
// invalid text is kept as a draft and its message is shown beside the
// control; training goes on with the last valid configuration.
func (a *App) SetField(key, text string) {
	err := a.SetParams(map[string]string{key: text})
	if err == nil {
		return
	}
	a.drafts[key] = text
	a.fieldErrors[key] = fieldMessage(err, key)
	a.changedControls()
}

// SetDraft stores the text being typed into the control of key, so that
// a re-render does not overwrite it before the control applies it.
func (a *App) SetDraft(key, text string) { a.drafts[key] = text }

// UsePreset replaces the configuration with c, for example config.Default
// or config.Browser, and clears every control's message.
func (a *App) UsePreset(c config.Config) error {
	if err := c.Validate(); err != nil {
		return err
	}
	clear(a.drafts)
	clear(a.fieldErrors)
	a.apply(c)
	return nil
}

// NewAppFromURL returns an App that trains base with the keys of a page
// URL's query applied. Each bad key keeps its value from base and is
// reported in the page's message.
func NewAppFromURL(query string, base config.Config, writeURL func(string), logError func(string)) *App {
	v, err := url.ParseQuery(query)
	c, bad := config.DecodeURL(v, base)
	err = errors.Join(err, bad)
	if bad := checkBrowser(c); bad != nil {
		c.TrainDataFile, c.WeightedDataFile = "", ""
		err = errors.Join(err, bad)
	}
	a := NewApp(c, writeURL, logError)
	if err != nil {
		// Drop the unused keys from the address.
		a.storeURL()
		a.setMessage("Some settings in the page address were not used: " +
			strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	return a
}

// apply makes c, which must be valid, the configuration: it writes the URL
// once and regenerates the data, resets the weights or re-evaluates,
// depending on which keys changed.
func (a *App) apply(c config.Config) {
	changed := config.EncodeURLDiff(c, a.cfg)
	a.cfg = c
	a.storeURL()
	newData, newModel := false, false
	for k := range changed {
		switch {
		case dataKeys[k]:
			newData = true
		case !evalKeys[k]:
			newModel = true
		}
	}
	switch {
	case newData || a.exp == nil:
		a.rebuild(true)
	case newModel:
		a.rebuild(false)
	case len(changed) > 0:
		a.eval.setTrainer(a.exp.Trainer, a.cfg)
		a.eval.request()
	}
	a.bayes.due = true
	a.changedControls()
}

// storeURL writes the configuration, as its difference from the browser
// preset, to the page URL.
func (a *App) storeURL() {
	if a.writeURL != nil {
		a.writeURL(config.EncodeURLDiff(a.cfg, config.Browser()).Encode())
	}
}

func (a *App) clearField(key string) {
	delete(a.drafts, key)
	delete(a.fieldErrors, key)
}

// checkBrowser rejects what the page cannot do: it has no file system, so
// it generates its samples.
func checkBrowser(c config.Config) error {
	var errs []error
	for key, path := range map[string]string{
		"train_data_file": c.TrainDataFile, "weighted_data_file": c.WeightedDataFile,
	} {
		if path != "" {
			errs = append(errs, &config.FieldError{Key: key, Value: path,
				Rule: "must be empty in the browser, which generates its samples; run cmd/relegator to read files"})
		}
	}
	return errors.Join(errs...)
}

// fieldMessage returns the messages of err that concern key, or all of
// them when none does.
func fieldMessage(err error, key string) string {
	var own []string
	for _, fe := range config.FieldErrors(err) {
		if fe.Key == key {
			own = append(own, fe.Error())
		}
	}
	if len(own) == 0 {
		return strings.ReplaceAll(err.Error(), "\n", "; ")
	}
	return strings.Join(own, "; ")
}
