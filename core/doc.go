// Package core is the relegation classifier in pure Go: the moons + mass
// benchmark data, the multilayer perceptron and its losses, Adam training,
// significance, fits and the Bayes-optimal reference.
//
// The sub-packages split the work by concept:
//
//	config  the experiment configuration, its defaults, JSON and URL codecs
//	data    datasets, the moons + mass generator and CSV loading
//	signif  the significance formulas shared by losses and evaluation
//	nn      the network, every loss, Adam and the resumable trainer
//	eval    evaluation on the analysis sample, decision maps, mass fits
//	        and the Bayes-optimal significance
//
// Nothing in core imports syscall/js, logs or prints, so it builds and
// tests both natively and with GOOS=js GOARCH=wasm.
package core
