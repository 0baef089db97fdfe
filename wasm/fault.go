package main

import (
	"errors"

	"github.com/relegator/relegator/core/nn"
)

// Faults that tests inject through the API's debugFault method, to check
// that the page recovers from failures that valid input rarely causes.
const (
	// faultPanic panics inside the API call itself.
	faultPanic = "panic"
	// faultFramePanic panics inside the next frame's training slice.
	faultFramePanic = "frame_panic"
	// faultDiverge ends the run as if the loss had stopped being finite.
	faultDiverge = "diverge"
)

// InjectFault arms or raises the fault kind.
func (a *App) InjectFault(kind string) error {
	switch kind {
	case faultPanic:
		panic("injected panic (debugFault)")
	case faultFramePanic:
		a.fault = kind
		a.changedUI()
		return nil
	case faultDiverge:
		if a.exp == nil {
			return errors.New("debugFault diverge: no trainer; press Reset first")
		}
		a.trainingError(&nn.DivergenceError{Epoch: a.Epoch() + 1, Loss: nan(), LearningRate: a.cfg.LearningRate})
		return nil
	}
	return errors.New("debugFault " + kind + ": must be panic, frame_panic or diverge")
}

// raiseFault panics when a frame fault is armed.
func (a *App) raiseFault() {
	if a.fault == faultFramePanic {
		a.fault = ""
		panic("injected panic in a frame (debugFault)")
	}
}

func nan() float64 {
	zero := 0.0
	return zero / zero
}
