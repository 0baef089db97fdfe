// Package eval measures a trained classifier on the analysis sample. It
// computes the raw and pass significance in the signal window, accuracy and
// confusion matrices, and the expected pass significance from large
// independent samples. It also computes decision maps over the feature
// plane, histograms and fits of the feature of merit, and the Bayes-optimal
// significance that no selection on the features can beat on average.
package eval
