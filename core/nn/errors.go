package nn

import "fmt"

// DivergenceError reports that training produced a loss or a weight that
// is not a finite number.
type DivergenceError struct {
	// Epoch is the epoch, counted from 1, in which training diverged.
	Epoch int
	// Loss is the batch loss of the step that diverged.
	Loss float64
	// LearningRate is the Adam learning rate of the run.
	LearningRate float64
}

func (e *DivergenceError) Error() string {
	return fmt.Sprintf("training diverged in epoch %d (batch loss %g): the loss or a weight is not finite; retry with a learning rate below %g",
		e.Epoch, e.Loss, e.LearningRate)
}
