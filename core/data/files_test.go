package data

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedDataDir returns the folder of CSV samples written by the original
// research code, beside the module root, or skips the test when it is
// absent.
func sharedDataDir(t testing.TB) string {
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
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
	data := filepath.Join(dir, "..", "shared", "data")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("sample folder %s is absent", data)
	}
	return data
}

// loadShared loads one of the shared CSV samples with the default columns.
func loadShared(t testing.TB, name string) *Dataset {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedDataDir(t), name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := LoadCSV(f, DefaultColumns())
	if err != nil {
		t.Fatalf("LoadCSV(%s): %v", name, err)
	}
	return d
}
