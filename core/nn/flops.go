package nn

// TrainingFLOPs returns the floating-point operations that training spends
// on one event of a network with the given input, hidden and output
// widths, counting a multiply-add as 2. For each dense layer of in inputs
// and out outputs it counts
//
//	forward        2·in·out + out   (product and bias)
//	weight grads   2·in·out + out   (outer product and bias)
//	input grads    2·in·out         (all layers but the first)
//
// and 4 operations per output for the head and loss. The counts are for
// dense arithmetic: the trainer skips zero ReLU activations, so it does
// less work than counted. The Adam update, about 12 operations per
// parameter per batch, is left out because it is shared by the events of
// a batch and is below 1% of the total for batches of 256 events or more.
func TrainingFLOPs(inputs int, hidden []int, outputs int) float64 {
	sizes := make([]int, 0, len(hidden)+2)
	sizes = append(sizes, inputs)
	sizes = append(sizes, hidden...)
	sizes = append(sizes, outputs)
	total := 0.0
	for l := 0; l+1 < len(sizes); l++ {
		in, out := float64(sizes[l]), float64(sizes[l+1])
		total += 2*in*out + out
		total += 2*in*out + out
		if l > 0 {
			total += 2 * in * out
		}
	}
	return total + 4*float64(outputs)
}
