package eval

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// sharedPath returns the path of rel inside the shared folder beside the
// module root, and skips the test when that folder is absent.
func sharedPath(t testing.TB, rel string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the package directory")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("shared folder %s absent: %v", shared, err)
	}
	return filepath.Join(shared, rel)
}

// readCSV returns the rows of a CSV file with a header as maps from column
// name to number.
func readCSV(t testing.TB, path string) []map[string]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) < 2 {
		t.Fatalf("%s: %d records, want a header and at least one row", path, len(records))
	}
	var rows []map[string]float64
	for line, rec := range records[1:] {
		row := make(map[string]float64, len(rec))
		for i, field := range rec {
			v, err := strconv.ParseFloat(field, 64)
			if err != nil {
				t.Fatalf("%s line %d column %s: %v", path, line+2, records[0][i], err)
			}
			row[records[0][i]] = v
		}
		rows = append(rows, row)
	}
	return rows
}
