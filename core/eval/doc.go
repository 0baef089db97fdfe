// Package eval measures a trained classifier on the analysis sample: raw and
// pass significance in the signal window, accuracy and confusion matrix, the
// expected pass significance from large independent samples, decision maps,
// histograms and fits of the feature of merit, and the Bayes-optimal
// significance that no selection on the features can beat.
package eval
