//go:build !js

package browsertest

import (
	"encoding/json"
	"regexp"
	"testing"
	"time"
)

// failedRequest matches the lines that cmd/serve logs for a response with
// a 4xx or 5xx status.
var failedRequest = regexp.MustCompile(`(?m)^.*: [45]\d\d .*$`)

func TestPageLoadsCleanly(t *testing.T) {
	logStart := serverLog.Len()
	p := newPage(t)
	// Let the program render a few frames after it starts.
	p.sleep(2 * time.Second)

	p.checkConsole()
	if s := p.state(); s.Error != "" {
		t.Errorf("state().error = %q after load, want none", s.Error)
	}
	for _, line := range failedRequest.FindAllString(serverLog.Since(logStart), -1) {
		t.Errorf("cmd/serve logged a failed request during the load: %s", line)
	}

	size := evalJS[string](p, `JSON.stringify(performance.getEntriesByType("resource")
		.filter(e => new URL(e.name).pathname.endsWith("/main.wasm"))
		.map(e => ({encoded: e.encodedBodySize, decoded: e.decodedBodySize})))`)
	var fetches []struct{ Encoded, Decoded int }
	if err := json.Unmarshal([]byte(size), &fetches); err != nil {
		t.Fatalf("decoding the resource timing %s: %v", size, err)
	}
	if len(fetches) == 0 {
		t.Fatal("the page fetched no main.wasm")
	}
	for _, f := range fetches {
		if f.Decoded == 0 || f.Encoded >= f.Decoded {
			t.Errorf("main.wasm came as %d bytes for %d decoded, want gzip to shrink it", f.Encoded, f.Decoded)
		}
	}

	c := p.countColours(mapCanvasID)
	if c.Width == 0 || c.Height == 0 {
		t.Errorf("#%s is empty: %s", mapCanvasID, c)
	}
}
