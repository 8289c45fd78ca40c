#!/bin/sh
# nlp.sh runs the NLP benchmark of bench/nlp on one core (GOMAXPROCS=1):
# the project's models (tokenize + tag + NER + parse) and prose.NewDocument
# side by side on the seed articles, and the time to load every model.
# It prints both throughputs in tokens/s, their ratio and the load time,
# and marks each against its target (ours >= 3x prose and >= 40,000
# tokens/s; loading <= 500 ms). Extra arguments go to `go test` (for
# example -benchtime 5s or -count 3).
set -eu
cd "$(dirname "$0")/.."
out=$(GOMAXPROCS=1 go test -run '^TestModelLoadTime$' -v -bench 'Pipeline|ModelLoad|Stages' -benchtime 2s -cpu 1 "$@" ./bench/nlp)
printf '%s\n' "$out" | grep -E '^(Benchmark.*/op|goos|goarch|cpu|ok|FAIL|---|\s+nlp_test)' || true
printf '%s\n' "$out" | awk '
function metric(line, unit,   i, n, f) {
	n = split(line, f, /[ \t]+/)
	for (i = 2; i <= n; i++) if (f[i] == unit) return f[i-1]
	return ""
}
/^BenchmarkPipeline\/ours.*tokens\/s/  { ours += metric($0, "tokens/s"); no++ }
/^BenchmarkPipeline\/prose.*tokens\/s/ { prose += metric($0, "tokens/s"); np++ }
/^BenchmarkModelLoad.*ms\/load/         { load += metric($0, "ms/load"); nl++ }
/models loaded in/ && first == ""       { first = $NF }
END {
	if (no == 0 || np == 0) { print "nlp.sh: benchmark output not found" > "/dev/stderr"; exit 1 }
	ours /= no; prose /= np
	ratio = ours / prose
	printf "\nours   %8.0f tokens/s  (target >= 40000: %s)\n", ours, ((ours >= 40000) ? "met" : "NOT met")
	printf "prose  %8.0f tokens/s\n", prose
	printf "ratio  %8.2fx          (target >= 3: %s)\n", ratio, ((ratio >= 3) ? "met" : "NOT met")
	if (nl > 0) printf "load   %8.0f ms        (target <= 500: %s; first load in process %s)\n", load / nl, ((load / nl <= 500) ? "met" : "NOT met"), first
}'
