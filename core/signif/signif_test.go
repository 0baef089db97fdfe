package signif

import (
	"math"
	"testing"
)

func TestZSimpleByHand(t *testing.T) {
	tests := []struct {
		s, b, want float64
	}{
		{100, 0, 10},
		{30, 70, 3},
		{987.58, 13295.54, 987.58 / math.Sqrt(987.58+13295.54)},
	}
	for _, tt := range tests {
		if got := Z(tt.s, tt.b, "simple"); math.Abs(got-tt.want) > 1e-12*tt.want {
			t.Errorf("Z(%g, %g) = %.15g, want %.15g", tt.s, tt.b, got, tt.want)
		}
	}
}

func TestZAsimovLimits(t *testing.T) {
	// For s much smaller than b the Asimov form tends to s/sqrt(b); for
	// s = b it is sqrt(2 (2 ln 2 - 1)) sqrt(s).
	if got, want := Z(10, 1e6, "asimov"), 10/math.Sqrt(1e6); math.Abs(got-want) > 1e-4*want {
		t.Errorf("Asimov Z(10, 1e6) = %.8g, want about s/sqrt(b) = %.8g", got, want)
	}
	if got, want := Z(50, 50, "asimov"), math.Sqrt(2*(2*math.Ln2-1)*50); math.Abs(got-want) > 1e-12*want {
		t.Errorf("Asimov Z(50, 50) = %.15g, want %.15g", got, want)
	}
	// Without background the floor keeps Z finite and large.
	if z := Z(5, 0, "asimov"); math.IsInf(z, 0) || math.IsNaN(z) || z < 10 {
		t.Errorf("Asimov Z(5, 0) = %g, want finite and above 10", z)
	}
}

func TestZGuards(t *testing.T) {
	for _, formula := range []string{"simple", "asimov"} {
		for _, sb := range [][2]float64{{0, 10}, {-1, 10}, {math.NaN(), 1}, {0, 0}} {
			z, ds, db := ZGrad(sb[0], sb[1], formula)
			if z != 0 || ds != 0 || db != 0 {
				t.Errorf("%s ZGrad(%g, %g) = %g, %g, %g, want zeros", formula, sb[0], sb[1], z, ds, db)
			}
		}
		// A negative background counts as none.
		if got, want := Z(4, -3, formula), Z(4, 0, formula); got != want {
			t.Errorf("%s Z(4, -3) = %g, want Z(4, 0) = %g", formula, got, want)
		}
	}
}

func TestZGradFiniteDifferences(t *testing.T) {
	for _, formula := range []string{"simple", "asimov"} {
		for _, sb := range [][2]float64{{3, 7}, {600, 95}, {0.5, 2000}} {
			s, b := sb[0], sb[1]
			_, ds, db := ZGrad(s, b, formula)
			hs, hb := 1e-6*s, 1e-6*b
			wantDs := (Z(s+hs, b, formula) - Z(s-hs, b, formula)) / (2 * hs)
			wantDb := (Z(s, b+hb, formula) - Z(s, b-hb, formula)) / (2 * hb)
			if math.Abs(ds-wantDs) > 1e-6*math.Abs(wantDs) {
				t.Errorf("%s dZ/ds at (%g, %g) = %.10g, central difference %.10g", formula, s, b, ds, wantDs)
			}
			if math.Abs(db-wantDb) > 1e-6*math.Abs(wantDb) {
				t.Errorf("%s dZ/db at (%g, %g) = %.10g, central difference %.10g", formula, s, b, db, wantDb)
			}
		}
	}
}
