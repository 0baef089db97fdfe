package nn

import (
	"math"

	"github.com/relegator/relegator/core/config"
	"github.com/relegator/relegator/core/data"
	"github.com/relegator/relegator/core/signif"
)

// zFloor is the smallest significance that divides a loss term: 1/Z,
// CE/Z and Z0/Z use max(Z, zFloor), so an empty or vanishing selection
// gives a large but finite loss. Below the floor those terms are constant
// and pass no gradient, and the cross-entropy pulls the network back.
const zFloor = 1e-3

// tinyProb is the smallest merged probability whose logarithm is taken
// directly. Below it the cross-entropy is computed from the logits with
// log-sum-exp, so no logarithm is taken of 0.
const tinyProb = 1e-250

// objective is the loss of one model type:
//
//	relegator         CE_rel + 1/Z
//	relegator_factor  CE_rel / Z
//	relegator_diff    CE_rel - Z
//	relegator_v2      CE_rel + Z0/Z - 1
//	binary_softmax    CE
//	mod_binary        CE + 1/Z
//	regress           binary cross-entropy of one sigmoid
//
// CE_rel merges the relegated probability into each truth class, q_k =
// p_k + p_rel, and averages -log q_y over the events, y the truth class.
// Under config.Normalized each event adds log(1 + p_rel), the logarithm of
// Σ_k q_k for two truth classes, so that relegation is not free.
// Z is the significance of the soft selection: S and B are the sums of the
// signal probability over the true-signal and true-background events
// inside the signal window, scaled to the analysis sample as
//
//	S' = f·N·S / n_sig,   B' = (1-f)·N·B / n_bkg,
//
// n_sig and n_bkg the numbers of signal and background events in the
// batch, and Z = signif.Z(S', B', formula). With sample weights, every
// event counts with its weight in the cross-entropy mean, in S and B and
// in n_sig and n_bkg.
//
// Three keys change the significance term: config SignifWeight multiplies
// every term above but CE_rel/Z; under config.CountExpected, S and B sum
// over every event, each weighted by its class's window efficiency; and
// with SignifAverage > 1 a training step takes the derivatives of Z at
// moving averages of S' and B' (see countAverage).
type objective struct {
	modelType string
	// useZ reports whether the loss has a significance term.
	useZ    bool
	formula string
	// lo and hi are the edges of the signal window in the mass.
	lo, hi float64
	// sigScale and bkgScale are f·N and (1-f)·N.
	sigScale, bkgScale float64
	// z0 is the significance of the analysis sample before any selection,
	// used by relegator_v2.
	z0 float64
	// normalizeCE adds the relegation penalty of config.Normalized to the
	// relegation cross-entropy.
	normalizeCE bool
	// weight multiplies the significance term (config SignifWeight).
	weight float64
	// expected makes every event count in S and B with its class's window
	// efficiency, effSig or effBkg, in place of the window cut.
	expected       bool
	effSig, effBkg float64
	// average, when not nil, smooths S' and B' over training batches.
	average *countAverage
}

// newObjective returns the loss that cfg describes; cfg must be valid.
func newObjective(cfg *config.Config) objective {
	o := objective{
		modelType: cfg.ModelType,
		formula:   cfg.SignifFormula,
		lo:        cfg.WindowLow(),
		hi:        cfg.WindowHigh(),
		sigScale:  cfg.SigFraction * float64(cfg.WeightedNEvents),
		bkgScale:  (1 - cfg.SigFraction) * float64(cfg.WeightedNEvents),
	}
	o.normalizeCE = cfg.IsRelegator() && cfg.RelegationCE == config.Normalized
	switch cfg.ModelType {
	case config.BinarySoftmax, config.Regress:
		o.useZ = false
	default:
		o.useZ = cfg.SignifType != "none"
	}
	effSig, effBkg := signif.WindowEfficiencies(cfg.MeanFOM, cfg.WidthFOM, cfg.NSigmas, cfg.BkgdBeta, cfg.MinFOM, cfg.MaxFOM)
	o.z0 = signif.Z(o.sigScale*effSig, o.bkgScale*effBkg, o.formula)
	o.weight = cfg.SignifWeight
	o.expected = cfg.SignifCounts == config.CountExpected
	o.effSig, o.effBkg = effSig, effBkg
	if cfg.SignifAverage > 1 {
		o.average = &countAverage{rate: 1 / float64(cfg.SignifAverage)}
	}
	return o
}

// batch is the network output for n events with their truth.
type batch struct {
	n int
	// k is the number of outputs per event.
	k      int
	logits []float64
	probs  []float64
	label  []int
	mass   []float64
	// weight is nil when every event weighs 1.
	weight []float64
}

// lossValue is the loss of a batch with its parts.
type lossValue struct {
	Loss, CE, Z, Accuracy float64
}

// evaluate returns the loss of b and, when dOut is not nil, writes its
// derivatives with respect to the logits (n × k) into dOut. Accuracy is the
// (weighted) fraction of events whose largest output is their truth class,
// so a relegated event counts as wrong. One sigmoid output calls an event
// signal at p ≥ 0.5.
func (o *objective) evaluate(b *batch, dOut []float64) lossValue {
	k := b.k
	var sumW, nSig, nBkg, s, bg, ceSum, accSum float64
	for i := 0; i < b.n; i++ {
		w := 1.0
		if b.weight != nil {
			w = b.weight[i]
		}
		y := b.label[i]
		z := b.logits[i*k : (i+1)*k]
		p := b.probs[i*k : (i+1)*k]
		sumW += w
		ceSum += w * ceValue(z, p, y, o.normalizeCE)
		if predicted(p) == y {
			accSum += w
		}
		ps := w * o.countWeight(y, b.mass[i]) * SignalProb(p)
		if y == data.Signal {
			nSig += w
			s += ps
		} else {
			nBkg += w
			bg += ps
		}
	}
	var v lossValue
	if sumW > 0 {
		v.CE = ceSum / sumW
		v.Accuracy = accSum / sumW
	}
	var sPrime, bPrime float64
	if nSig > 0 {
		sPrime = o.sigScale * s / nSig
	}
	if nBkg > 0 {
		bPrime = o.bkgScale * bg / nBkg
	}
	if dOut != nil && o.average != nil {
		sPrime, bPrime = o.average.add(sPrime, bPrime)
	}
	z, dzds, dzdb := signif.ZGrad(sPrime, bPrime, o.formula)
	v.Z = z
	dLdC, dLdZ := 1.0, 0.0
	v.Loss = v.CE
	if o.useZ {
		zf := max(z, zFloor)
		above := z > zFloor
		switch o.modelType {
		case config.RelegatorFactor:
			v.Loss = v.CE / zf
			dLdC = 1 / zf
			if above {
				dLdZ = -v.CE / (z * z)
			}
		case config.RelegatorDiff:
			v.Loss = v.CE - o.weight*z
			dLdZ = -o.weight
		case config.RelegatorV2:
			v.Loss = v.CE + o.weight*(o.z0/zf-1)
			if above {
				dLdZ = -o.weight * o.z0 / (z * z)
			}
		default: // relegator, mod_binary
			v.Loss = v.CE + o.weight/zf
			if above {
				dLdZ = -o.weight / (z * z)
			}
		}
	}
	if dOut == nil || !(sumW > 0) {
		return v
	}

	// dL/dz_i = dL/dC · w_i/ΣW · dCE_i/dz_i
	//         + dL/dZ · (∂Z/∂S'·S'/S or ∂Z/∂B'·B'/B) · w_i · c_i · dp_sig,i/dz_i
	// with c_i the event's countWeight: 1 inside the window and 0 outside,
	// or its class's window efficiency under config.CountExpected.
	ceScale := dLdC / sumW
	var sigCoef, bkgCoef float64
	if dLdZ != 0 {
		if nSig > 0 {
			sigCoef = dLdZ * dzds * o.sigScale / nSig
		}
		if nBkg > 0 {
			bkgCoef = dLdZ * dzdb * o.bkgScale / nBkg
		}
	}
	for i := 0; i < b.n; i++ {
		w := 1.0
		if b.weight != nil {
			w = b.weight[i]
		}
		y := b.label[i]
		z := b.logits[i*k : (i+1)*k]
		p := b.probs[i*k : (i+1)*k]
		g := dOut[i*k : (i+1)*k]
		ceGrad(z, p, y, g, w*ceScale, o.normalizeCE)
		cw := o.countWeight(y, b.mass[i])
		if dLdZ == 0 || cw == 0 {
			continue
		}
		c := w * cw * bkgCoef
		if y == data.Signal {
			c = w * cw * sigCoef
		}
		addSignalGrad(p, g, c)
	}
	return v
}

// crossEntropy returns the cross-entropy of one event with logits z,
// probabilities p and truth class y: -log(p_y + p_rel) for three outputs,
// -log p_y for two, the binary cross-entropy of a sigmoid for one. When g
// is not nil it sets g to scale times the derivatives with respect to z.
func crossEntropy(z, p []float64, y int, g []float64, scale float64) float64 {
	if g != nil {
		ceGrad(z, p, y, g, scale, false)
	}
	return ceValue(z, p, y, false)
}

// ceValue returns crossEntropy(z, p, y, nil, 0), plus
// relegationPenalty(p, nil, 0) when normalized is set, with one logarithm
// where the merged probability allows it.
func ceValue(z, p []float64, y int, normalized bool) float64 {
	if len(z) == 1 {
		// softplus(z) - y·z, written to stay finite for any z.
		t := z[0]
		return max(t, 0) + math.Log1p(math.Exp(-math.Abs(t))) - float64(y)*t
	}
	rel, pr := -1, 0.0
	q := p[y]
	if len(p) == 3 {
		rel, pr = ClassRelegated, p[ClassRelegated]
		q += pr
	}
	if q > tinyProb {
		if normalized {
			return -math.Log(q / (1 + pr))
		}
		return -math.Log(q)
	}
	// The merged probability underflows: use log-sum-exp of the logits,
	// CE = lse(z) - lse(z over the merged classes).
	v := logSumExp(z, -1, -1) - logSumExp(z, y, rel)
	if normalized {
		v += math.Log1p(pr)
	}
	return v
}

// ceGrad sets g to scale times the derivatives of ceValue(z, p, y,
// normalized) with respect to the logits z.
func ceGrad(z, p []float64, y int, g []float64, scale float64, normalized bool) {
	if len(z) == 1 {
		g[0] = scale * (p[0] - float64(y))
		return
	}
	for j, pj := range p {
		g[j] = scale * pj
	}
	rel := -1
	q := p[y]
	if len(p) == 3 {
		rel = ClassRelegated
		q += p[rel]
	}
	if q > tinyProb {
		g[y] -= scale * p[y] / q
		if rel >= 0 {
			g[rel] -= scale * p[rel] / q
		}
	} else {
		merged := logSumExp(z, y, rel)
		g[y] -= scale * math.Exp(z[y]-merged)
		if rel >= 0 {
			g[rel] -= scale * math.Exp(z[rel]-merged)
		}
	}
	if normalized && rel >= 0 {
		penaltyGrad(p, g, scale)
	}
}

// relegationPenalty returns log(1 + p_rel), the term that turns the merged
// relegation cross-entropy of two truth classes into the normalised one.
// When g is not nil it adds scale times the term's derivatives with
// respect to the logits, p_rel (δ_j,rel - p_j) / (1 + p_rel), to g.
func relegationPenalty(p, g []float64, scale float64) float64 {
	pr := p[ClassRelegated]
	if g != nil {
		penaltyGrad(p, g, scale)
	}
	return math.Log1p(pr)
}

// penaltyGrad adds scale times the derivatives of relegationPenalty with
// respect to the logits to g.
func penaltyGrad(p, g []float64, scale float64) {
	pr := p[ClassRelegated]
	c := scale * pr / (1 + pr)
	for j, pj := range p {
		g[j] -= c * pj
	}
	g[ClassRelegated] += c
}

// logSumExp returns log Σ exp(z_j) over all j when a is negative, else
// over j = a and, when b is not negative, j = b.
func logSumExp(z []float64, a, b int) float64 {
	if a < 0 {
		mx := z[0]
		for _, v := range z {
			mx = max(mx, v)
		}
		s := 0.0
		for _, v := range z {
			s += math.Exp(v - mx)
		}
		return mx + math.Log(s)
	}
	if b < 0 {
		return z[a]
	}
	mx := max(z[a], z[b])
	return mx + math.Log(math.Exp(z[a]-mx)+math.Exp(z[b]-mx))
}

// addSignalGrad adds c times the derivatives of the signal probability
// with respect to the logits to g.
func addSignalGrad(p, g []float64, c float64) {
	if len(p) == 1 {
		g[0] += c * p[0] * (1 - p[0])
		return
	}
	ps := p[ClassSignal]
	for j, pj := range p {
		g[j] -= c * ps * pj
	}
	g[ClassSignal] += c * ps
}

// SignalProb returns the signal probability among the output
// probabilities p of one event: the signal entry of a softmax, the only
// entry of a sigmoid.
func SignalProb(p []float64) float64 {
	if len(p) == 1 {
		return p[0]
	}
	return p[ClassSignal]
}

// predicted returns the class with the largest output, ties going to the
// lower class; one sigmoid output predicts signal at p ≥ 0.5.
func predicted(p []float64) int {
	if len(p) == 1 {
		if p[0] >= 0.5 {
			return ClassSignal
		}
		return ClassBackground
	}
	best := 0
	for j, v := range p {
		if v > p[best] {
			best = j
		}
	}
	return best
}
