package config

import (
	"errors"
	"net/url"
	"reflect"
	"testing"
)

func TestURLRoundTrip(t *testing.T) {
	c := Browser()
	c.HiddenNodes = []int{16, 8}
	c.Noise = 0.37
	c.Angle = -1.25e-3
	c.ModelType = RelegatorDiff
	c.Bias = false
	c.Seed = 1<<63 + 5
	c.TrainDataFile = "a b&c.csv"
	for name, base := range map[string]Config{"Default": Default(), "Browser": Browser()} {
		got, err := DecodeURL(EncodeURL(c), base)
		if err != nil {
			t.Fatalf("base %s: DecodeURL(EncodeURL(c)): %v", name, err)
		}
		if !reflect.DeepEqual(got, c) {
			t.Errorf("base %s: round trip =\n%+v\nwant\n%+v", name, got, c)
		}
		// The diff form must survive the text form of a real URL.
		q, err := url.ParseQuery(EncodeURLDiff(c, base).Encode())
		if err != nil {
			t.Fatal(err)
		}
		got, err = DecodeURL(q, base)
		if err != nil || !reflect.DeepEqual(got, c) {
			t.Errorf("base %s: diff round trip = %+v, %v", name, got, err)
		}
	}
}

func TestEncodeURLDiffOnlyChanges(t *testing.T) {
	c := Default()
	c.Noise = 0.4
	v := EncodeURLDiff(c, Default())
	if len(v) != 1 || v.Get("noise") != "0.4" {
		t.Errorf("EncodeURLDiff = %v, want only noise=0.4", v)
	}
}

func TestDecodeURLKeepsBaseForBadKeys(t *testing.T) {
	v := url.Values{
		"noise":         {"0.3"},
		"learning_rate": {"100"},
		"n_events":      {"many"},
		"colour":        {"red"},
		"width_fom":     {"0.3"}, // valid alone, but the window leaves [0, 1]
		"bias":          {"false", "true"},
	}
	base := Default()
	got, err := DecodeURL(v, base)

	want := base
	want.Noise = 0.3
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DecodeURL =\n%+v\nwant\n%+v", got, want)
	}
	bad := map[string]bool{}
	for _, fe := range FieldErrors(err) {
		bad[fe.Key] = true
	}
	for _, k := range []string{"learning_rate", "n_events", "colour", "bias"} {
		if !bad[k] {
			t.Errorf("no error for %s in %v", k, err)
		}
	}
	if !bad["width_fom"] {
		t.Errorf("no error for width_fom, which moved the window out of [0, 1]: %v", err)
	}
	if bad["mean_fom"] {
		t.Errorf("error reported at mean_fom, which the URL did not set: %v", err)
	}
	if bad["noise"] {
		t.Errorf("error reported for the valid noise: %v", err)
	}
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Errorf("errors.As(*FieldError) failed on %v", err)
	}
	if got.Validate() != nil {
		t.Errorf("decoded config is invalid: %v", got.Validate())
	}
}

func TestDecodeURLOlderMassKeys(t *testing.T) {
	got, err := DecodeURL(url.Values{"mean_mass": {"0.45"}, "width_mass": {"0.02"}}, Default())
	if err != nil || got.MeanFOM != 0.45 || got.WidthFOM != 0.02 {
		t.Errorf("DecodeURL(mean_mass, width_mass) = mean %g, width %g, %v", got.MeanFOM, got.WidthFOM, err)
	}
}

func TestDecodeURLEmpty(t *testing.T) {
	got, err := DecodeURL(url.Values{}, Browser())
	if err != nil || !reflect.DeepEqual(got, Browser()) {
		t.Errorf("DecodeURL(empty) = %+v, %v; want Browser()", got, err)
	}
}

func FuzzDecodeURL(f *testing.F) {
	f.Add(EncodeURL(Default()).Encode())
	f.Add("noise=NaN&angle=inf&hidden_nodes=1,,2&n_events=1e300")
	f.Add("min_fom=0.6&max_fom=0.4&mean_mass=2&width_fom=-0&seed=-1")
	f.Add("hidden_nodes=&hidden_nodes=3&learning_rate=0x1p-3")
	f.Fuzz(func(t *testing.T, query string) {
		v, _ := url.ParseQuery(query)
		base := Browser()
		c, _ := DecodeURL(v, base)
		if err := c.Validate(); err != nil {
			t.Fatalf("DecodeURL(%q) returned an invalid config: %v", query, err)
		}
		back, err := DecodeURL(EncodeURL(c), Default())
		if err != nil || !reflect.DeepEqual(back, c) {
			t.Fatalf("round trip of %+v gave %+v, %v", c, back, err)
		}
	})
}

func TestDecodeURLBothSpellings(t *testing.T) {
	for _, v := range []url.Values{
		{"mean_fom": {"0.45"}, "mean_mass": {"0.4"}},
		{"mean_fom": {"x"}, "mean_mass": {"0.4"}},
	} {
		got, err := DecodeURL(v, Default())
		fes := FieldErrors(err)
		if len(fes) == 0 || fes[len(fes)-1].Key != "mean_fom" {
			t.Errorf("DecodeURL(%v) errors = %v, want one at mean_fom", v, err)
		}
		if got.MeanFOM != 0.5 {
			t.Errorf("DecodeURL(%v) mean_fom = %g, want the base 0.5", v, got.MeanFOM)
		}
	}
}

func TestDecodeURLFullBatch(t *testing.T) {
	base := Tuned()
	got, err := DecodeURL(url.Values{"batch_size": {"full"}}, base)
	if err != nil {
		t.Fatalf("DecodeURL(batch_size=full): %v", err)
	}
	if got.BatchSize != 0 {
		t.Errorf("batch_size=full gives %d, want 0, the whole training part", got.BatchSize)
	}
	if _, err := DecodeURL(url.Values{"n_events": {"full"}}, base); err == nil {
		t.Error("n_events=full decoded without error, want \"full\" accepted for batch_size only")
	}
}
