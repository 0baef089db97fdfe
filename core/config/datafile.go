package config

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// ErrPickle reports a data file in Python's pickle format. The original
// TensorFlow research code saved its samples as pandas pickles, which
// relegator cannot read.
var ErrPickle = errors.New("pandas pickle files cannot be read")

// CheckDataFile returns an error wrapping ErrPickle when path, the value of
// train_data_file or weighted_data_file, names a pickle file (.pkl or
// .pickle), with the advice to export the frame as CSV. An empty path
// means "generate the sample" and is fine. Callers run it where they would
// open the file; pickles without such an extension are caught when their
// content is read.
func CheckDataFile(path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pkl", ".pickle":
		return PickleError(path)
	}
	return nil
}

// PickleError returns the error for the pickle file at path, wrapping
// ErrPickle.
func PickleError(path string) error {
	return fmt.Errorf("%s: %w; export it in Python with "+
		"pandas.read_pickle(%q).to_csv(\"out.csv\", index=False) and name the CSV file instead",
		path, ErrPickle, path)
}
