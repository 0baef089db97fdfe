package config

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

func parseFile(t *testing.T, name string) (Config, error) {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return Parse(f)
}

func TestParseReferenceRunFile(t *testing.T) {
	c, err := parseFile(t, "config_run.json")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if want := Default(); !reflect.DeepEqual(c, want) {
		t.Errorf("Parse(config_run.json) =\n%+v\nwant Default() =\n%+v", c, want)
	}
}

func TestParseOlderMassKeys(t *testing.T) {
	c, err := parseFile(t, "older_regress.json")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := Default()
	want.NEvents = 20000
	want.Noise = 0.25
	want.ModelType = Regress
	want.SignifType = "none"
	want.NWeightedDatasets = 25
	want.TrainDataFile = "./datasets/train_ds.pkl"
	want.WeightedDataFile = "./datasets/weighted_ds.pkl"
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Parse(older_regress.json) =\n%+v\nwant\n%+v", c, want)
	}
	if err := CheckDataFile(c.TrainDataFile); !errors.Is(err, ErrPickle) {
		t.Errorf("CheckDataFile(%q) = %v, want ErrPickle", c.TrainDataFile, err)
	}
}

func TestParseDataSectionOnly(t *testing.T) {
	c, err := parseFile(t, "data_only.json")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if c.WidthFOM != 0.18 || c.BkgdBeta != 1 || c.Angle != 0 || c.SigFraction != 0.001 {
		t.Errorf("data keys not read: width %g, beta %g, angle %g, f %g", c.WidthFOM, c.BkgdBeta, c.Angle, c.SigFraction)
	}
	if c.ModelType != Relegator || c.NEpochs != Default().NEpochs {
		t.Errorf("missing model and run sections did not keep the defaults: %q, %d epochs", c.ModelType, c.NEpochs)
	}
}

func TestParseFlatAndPartial(t *testing.T) {
	c, err := ParseJSON([]byte(`{"noise": 0.4, "model_type": "relegator_v2", "hidden_nodes": [8], "seed": 7}`))
	if err != nil {
		t.Fatalf("ParseJSON: %v", err)
	}
	want := Default()
	want.Noise = 0.4
	want.ModelType = RelegatorV2
	want.HiddenNodes = []int{8}
	want.Seed = 7
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got %+v\nwant %+v", c, want)
	}
}

func TestParseMarshalRoundTrip(t *testing.T) {
	c := Browser()
	c.ModelType = ModBinary
	c.Angle = -0.3
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseJSON(b)
	if err != nil {
		t.Fatalf("ParseJSON(json.Marshal(c)): %v", err)
	}
	if !reflect.DeepEqual(got, c) {
		t.Errorf("round trip =\n%+v\nwant\n%+v", got, c)
	}
}

func TestParseAcceptsModelTypes(t *testing.T) {
	for _, m := range []string{Relegator, RelegatorFactor, RelegatorDiff, RelegatorV2, BinarySoftmax, ModBinary, Regress} {
		c, err := ParseJSON([]byte(`{"model": {"model_type": "` + m + `"}}`))
		if err != nil || c.ModelType != m {
			t.Errorf("model_type %s: got %q, %v", m, c.ModelType, err)
		}
	}
}

func TestParseNullKeepsDefault(t *testing.T) {
	c, err := ParseJSON([]byte(`{"data": {"train_data_file": null, "noise": null}}`))
	if err != nil {
		t.Fatalf("ParseJSON: %v", err)
	}
	if c.TrainDataFile != "" || c.Noise != 0.2 {
		t.Errorf("null changed values: file %q, noise %g", c.TrainDataFile, c.Noise)
	}
}

func TestParseIntegralFloats(t *testing.T) {
	c, err := ParseJSON([]byte(`{"n_events": 2.5e4, "n_epochs": 300.0}`))
	if err != nil {
		t.Fatalf("ParseJSON: %v", err)
	}
	if c.NEvents != 25000 || c.NEpochs != 300 {
		t.Errorf("n_events %d, n_epochs %d; want 25000, 300", c.NEvents, c.NEpochs)
	}
}

func TestParseErrorsNameKey(t *testing.T) {
	tests := []struct {
		name, json, key, rule string
	}{
		{"unknown key", `{"data": {"n_event": 100}}`, "n_event", "unknown key; did you mean n_events?"},
		{"unknown key far off", `{"colour": "red"}`, "colour", "unknown key"},
		{"unknown top key", `{"nosie": 0.1}`, "nosie", "unknown key"},
		{"string for number", `{"noise": "0.2"}`, "noise", "must be a number"},
		{"fraction for int", `{"n_events": 2.5}`, "n_events", "must be an integer"},
		{"number for bool", `{"bias": 1}`, "bias", "true or false"},
		{"number for string", `{"model_type": 3}`, "model_type", "a string"},
		{"list of strings", `{"hidden_nodes": ["40"]}`, "hidden_nodes", "list of integers"},
		{"number for list", `{"hidden_nodes": 40}`, "hidden_nodes", "list of integers"},
		{"both spellings", `{"data": {"min_fom": 0, "min_mass": 0}}`, "min_fom", "given twice"},
		{"section not object", `{"data": 3}`, "data", "JSON object"},
		{"invalid value", `{"noise": -1}`, "noise", "≥ 0"},
		{"categ rejected", `{"model": {"signif_type": "categ"}}`, "signif_type", "unfinished"},
		{"negative seed", `{"seed": -1}`, "seed", "integer in [0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseJSON([]byte(tt.json))
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("ParseJSON(%s) = %v, want a *FieldError", tt.json, err)
			}
			if fe.Key != tt.key {
				t.Errorf("key = %q, want %q", fe.Key, tt.key)
			}
			if !strings.Contains(fe.Rule, tt.rule) {
				t.Errorf("rule %q does not contain %q", fe.Rule, tt.rule)
			}
		})
	}
}

func TestParseMessages(t *testing.T) {
	longList := "[" + strings.Repeat("4, ", 9999) + "4]"
	tests := []struct {
		name, json, want string
	}{
		{"NaN", `{"noise": NaN}`, "noise NaN: must be ≥ 0; JSON has no NaN or Infinity"},
		{"negative Infinity in a section", `{"data": {"width_mass": -Infinity}}`,
			"width_fom -Infinity: must be > 0; JSON has no NaN or Infinity"},
		{"empty file", " \n", "config is empty: write a JSON object; {} gives the reference configuration"},
		{"null", `null`, "config is not a JSON object: found null where { was expected"},
		{"empty key", `{"": 1}`, `"" 1: unknown key`},
		{"key with a space", `{"n events": 1}`, `"n events" 1: unknown key; did you mean n_events?`},
		{"10000 layers", `{"hidden_nodes": ` + longList + `}`,
			"hidden_nodes [" + strings.Repeat("4 ", 29) + "4…: must list 1 to 64 layer widths"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseJSON([]byte(tt.json))
			if err == nil || err.Error() != tt.want {
				t.Errorf("ParseJSON error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestKeyBefore(t *testing.T) {
	tests := []struct {
		text, want string
		ok         bool
	}{
		{`{"noise": `, "noise", true},
		{"{\"noise\"\t:\n", "noise", true},
		{`{"a": 1, "b":`, "b", true},
		{`{"say \"hi\"": `, `say \"hi\"`, true},
		{`{"ends in \\": `, `ends in \\`, true},
		{`{"open \": `, "", false},
		{`{"noise" `, "", false},
		{`[1, `, "", false},
		{``, "", false},
	}
	for _, tt := range tests {
		got, ok := keyBefore([]byte(tt.text))
		if got != tt.want || ok != tt.ok {
			t.Errorf("keyBefore(%q) = %q, %v, want %q, %v", tt.text, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseByteOrderMark(t *testing.T) {
	c, err := ParseJSON([]byte("\ufeff{\"noise\": 0.3}"))
	if err != nil {
		t.Fatalf("ParseJSON: %v", err)
	}
	if c.Noise != 0.3 {
		t.Errorf("noise = %g, want 0.3", c.Noise)
	}
}

func FuzzParseJSON(f *testing.F) {
	f.Add([]byte(`{"data": {"noise": 0.3, "min_mass": 0}, "model": {"hidden_nodes": [4, 2]}, "run": {"n_epochs": 3}}`))
	f.Add([]byte(`{"noise": NaN, "n_events": 1e300, "seed": -0, "hidden_nodes": [0]}`))
	f.Add([]byte("\ufeff{\"mean_fom\": 0.95, \"mean_fom\": null}"))
	f.Fuzz(func(t *testing.T, in []byte) {
		c, err := ParseJSON(in)
		if err != nil {
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("ParseJSON(%q) returned an invalid config: %v", in, err)
		}
	})
}

func TestParseRejectsBrokenJSON(t *testing.T) {
	for _, in := range []string{``, `[]`, `{"noise": 0.2`, `{"noise": 0.2} {}`, `{"noise": 0.2,}`} {
		if _, err := ParseJSON([]byte(in)); err == nil {
			t.Errorf("ParseJSON(%q) = nil error", in)
		}
	}
}

func TestCheckDataFile(t *testing.T) {
	tests := []struct {
		path   string
		pickle bool
	}{
		{"", false},
		{"train.csv", false},
		{"./datasets/train_ds_25000_0.2.pkl", true},
		{"frame.PICKLE", true},
	}
	for _, tt := range tests {
		err := CheckDataFile(tt.path)
		if got := errors.Is(err, ErrPickle); got != tt.pickle {
			t.Errorf("CheckDataFile(%q) = %v; pickle %v, want %v", tt.path, err, got, tt.pickle)
		}
		if tt.pickle && !strings.Contains(err.Error(), "to_csv") {
			t.Errorf("CheckDataFile(%q) = %q, missing the CSV advice", tt.path, err)
		}
	}
}
