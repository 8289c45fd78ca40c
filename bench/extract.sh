#!/bin/sh
# extract.sh measures what the extraction rules cost on top of the NLP core,
# on one core (GOMAXPROCS=1), over the seed articles: BenchmarkExtract/core
# (segment, tag with entity labels, parse) and BenchmarkExtract/full (the
# whole pipeline: mentions, entities, relations, assembly as well). It
# prints both throughputs in tokens/s and the slowdown, marked against the
# target (full extraction within 2x of the core, that is core/full <= 2).
# Extra arguments go to `go test` (for example -benchtime 5s or -count 3).
set -eu
cd "$(dirname "$0")/.."
out=$(GOMAXPROCS=1 go test -run '^$' -bench '^BenchmarkExtract$' -benchtime 2s -cpu 1 "$@" ./extract)
printf '%s\n' "$out" | grep -E '^(Benchmark.*/op|goos|goarch|cpu|ok|FAIL)' || true
printf '%s\n' "$out" | awk '
function metric(line, unit,   i, n, f) {
	n = split(line, f, /[ \t]+/)
	for (i = 2; i <= n; i++) if (f[i] == unit) return f[i-1]
	return ""
}
/^BenchmarkExtract\/core.*tokens\/s/ { core += metric($0, "tokens/s"); nc++ }
/^BenchmarkExtract\/full.*tokens\/s/ { full += metric($0, "tokens/s"); nf++ }
END {
	if (nc == 0 || nf == 0) { print "extract.sh: benchmark output not found" > "/dev/stderr"; exit 1 }
	core /= nc; full /= nf
	printf "\nNLP core         %8.0f tokens/s\n", core
	printf "full extraction  %8.0f tokens/s\n", full
	printf "slowdown         %8.2fx          (target <= 2: %s)\n", core / full, ((core / full <= 2) ? "met" : "NOT met")
}'
