package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"

	"github.com/relegator/relegator/core/config"
)

// writeReport writes what was run and on which machine, then the table.
func writeReport(w io.Writer, o options, rows []Row, fits int, wall time.Duration) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d fits in %.0f s wall time on %d workers; %d CPUs (%s), %s.\n\n",
		fits, wall.Seconds(), o.workers, runtime.NumCPU(), cpuModel(), runtime.Version())
	fmt.Fprintf(&b, "Recipe %q is config.Tuned()", o.tuned.Name)
	if diff := config.EncodeURLDiff(o.tuned.Config, config.Tuned()).Encode(); diff != "" {
		fmt.Fprintf(&b, " with %s", diff)
	}
	fmt.Fprintf(&b, ", %s per point and model type.", plural(o.seeds, "seed"))
	for _, r := range o.variants {
		fmt.Fprintf(&b, " Recipe %q is %q with %s.", r.Name, o.tuned.Name,
			config.EncodeURLDiff(r.Config, o.tuned.Config).Encode())
	}
	if len(o.seedPoints) > 0 {
		pts := make([]string, len(o.seedPoints))
		for i, p := range o.seedPoints {
			pts[i] = p.String()
		}
		fmt.Fprintf(&b, " Recipe %q is config.SeedRecipe(), fitted for the relegator only at noise/f = %s with %s,"+
			" because one such fit runs hundreds of full-batch epochs.", seedRecipeName, strings.Join(pts, ", "), plural(o.seedRecipeSeeds, "seed"))
	}
	fmt.Fprintf(&b, " Pass Z is the expected pass significance measured on %d independent events per class,"+
		" so a mean slightly above the Bayes limit is sampling error of that measurement.\n\n", o.perClass)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	return WriteTable(w, rows)
}

// plural returns n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
