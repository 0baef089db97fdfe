package nn

import "math"

// softmax writes the softmax of each row of logits (n rows of k) into
// probs. The row maximum is subtracted before exponentiating, so no logit
// overflows.
func softmax(logits, probs []float64, n, k int) {
	for i := 0; i < n; i++ {
		z := logits[i*k : (i+1)*k : (i+1)*k]
		p := probs[i*k : (i+1)*k : (i+1)*k]
		// exp(z_j - max) is 1 at the largest logit, which saves an
		// exponential per event.
		top := 0
		for j, v := range z {
			if v > z[top] {
				top = j
			}
		}
		mx := z[top]
		sum := 0.0
		for j, v := range z {
			e := 1.0
			if j != top {
				e = math.Exp(v - mx)
			}
			p[j] = e
			sum += e
		}
		inv := 1 / sum
		for j := range p {
			p[j] *= inv
		}
	}
}

// sigmoid writes 1/(1+exp(-z)) of each logit into probs.
func sigmoid(logits, probs []float64) {
	probs = probs[:len(logits)]
	for i, z := range logits {
		probs[i] = 1 / (1 + math.Exp(-z))
	}
}

// applyHead turns the logits of n events into output probabilities:
// softmax over the k outputs, or a sigmoid when k is 1.
func applyHead(logits, probs []float64, n, k int) {
	if k == 1 {
		sigmoid(logits[:n], probs[:n])
		return
	}
	softmax(logits, probs, n, k)
}
