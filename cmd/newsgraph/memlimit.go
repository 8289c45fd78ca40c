package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
)

// Ingest's default soft memory limit is baseMemoryLimit for batches of up
// to defaultIngestBatch documents, plus memoryPerBatchDoc for every
// document of --batch beyond that. Ingest keeps about 100 to 150 MiB of
// live data at the default batch (language models, the batch being written
// and bolt's copies of the pages it changes), and the garbage collector
// would otherwise let the heap grow to twice that between collections; the
// limit trims that headroom while leaving room for an unusually large
// article. A batch's live data grows with its size (about 1.4 MiB a
// document into a store of 10,000 articles), so a larger --batch needs a
// higher limit: under a fixed 384MiB, --batch 128 ingested 10,000
// articles in 186 s instead of 126 s, the collector running all the time.
const (
	baseMemoryLimit    = 384 << 20
	memoryPerBatchDoc  = 4 << 20
	memoryLimitDefault = "384MiB, plus 4MiB per document of --batch beyond 32"
)

// defaultMemoryLimit returns ingest's soft memory limit for batches of
// batch documents when --memory-limit is not given.
func defaultMemoryLimit(batch int) int64 {
	return baseMemoryLimit + int64(max(batch-defaultIngestBatch, 0))*memoryPerBatchDoc
}

// memoryLimitFlag is ingest's --memory-limit flag (cmd names the command
// for its environment variable); its default follows --batch, see
// defaultMemoryLimit.
func memoryLimitFlag(cmd string) cli.Flag {
	return &cli.StringFlag{
		Name:        "memory-limit",
		DefaultText: memoryLimitDefault,
		EnvVars:     []string{envName(cmd, "memory_limit")},
		Usage: "soft limit on the memory of the Go runtime (heap and stacks), as `SIZE` in bytes or " +
			"with a unit (KiB, MiB, GiB, KB, MB, GB); the garbage collector works harder near it, " +
			"nothing fails past it; 0 turns it off; GOMEMLIMIT, when set, wins",
	}
}

// applyMemoryLimit sets the runtime's soft memory limit from
// --memory-limit, or when it is not given from the batch size (see
// defaultMemoryLimit), unless the GOMEMLIMIT environment variable has set
// one, and returns the function that restores the previous limit (the
// command may run inside a longer-lived process, such as a test).
func applyMemoryLimit(c *cli.Context, batch int) (restore func(), err error) {
	n, err := memoryLimit(c.String("memory-limit"), c.IsSet("memory-limit"), batch)
	if err != nil {
		return nil, usagef(c, "--memory-limit: %v", err)
	}
	if os.Getenv("GOMEMLIMIT") != "" || n == 0 {
		return func() {}, nil
	}
	old := debug.SetMemoryLimit(n)
	return func() { debug.SetMemoryLimit(old) }, nil
}

// memoryLimit returns the soft limit in bytes: the size given when set,
// else defaultMemoryLimit(batch); 0 means none.
func memoryLimit(given string, set bool, batch int) (int64, error) {
	if !set {
		return defaultMemoryLimit(batch), nil
	}
	return parseSize(given)
}

// sizeUnits are the units parseSize accepts, longest first.
var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"t", 1 << 40},
	{"b", 1},
}

// parseSize reads a size such as "512MiB", "2GB", "1.5g" or "1048576"
// (bytes). Units are case-insensitive; a bare K, M, G or T is binary.
func parseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return 0, fmt.Errorf("empty size")
	}
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 || f != f {
		return 0, fmt.Errorf("%q is not a size (want bytes or a number with KiB, MiB, GiB, KB, MB or GB)", s)
	}
	v := f * float64(mult)
	if v >= 1<<62 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return int64(v), nil
}
