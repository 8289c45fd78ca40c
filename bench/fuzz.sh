#!/bin/sh
# fuzz.sh runs every Go fuzz target in the module for a short fixed time
# each: FUZZTIME (a go test -fuzztime value, default 10s) per target. Go
# fuzzes one target per package per invocation, so the targets run one
# after another; each first replays its seed corpus and testdata/fuzz
# regressions. Set FUZZ to a regular expression to run only the targets
# whose "package.FuzzName" it matches. FUZZMINIMIZETIME (default 100x)
# bounds the minimising of each new input: Go's default of 60 s stalls
# slow targets such as FuzzExtract, whose inputs are whole articles, and
# can end a short run with "context deadline exceeded". A failure stops the script with the
# crasher saved under the package's testdata/fuzz/FuzzName/ (commit it as a
# regression test once fixed); it exits 0 when every target passes and
# prints the time each took.
#
# CI: FUZZTIME=5s sh bench/fuzz.sh
set -eu
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-10s}
filter=${FUZZ:-.}
minimize=${FUZZMINIMIZETIME:-100x}
targets=$(grep -rn --include='*_test.go' '^func Fuzz' . | sed -E 's#^\./(.*)/[^/]*_test\.go:[0-9]+:func (Fuzz[A-Za-z0-9_]*).*#\1 \2#' | sort -u)
[ -n "$targets" ] || { echo "fuzz.sh: no fuzz targets found" >&2; exit 1; }
start=$(date +%s)
printf '%s\n' "$targets" | while read -r dir name; do
	printf '%s\n' "$dir.$name" | grep -Eq -- "$filter" || continue
	t0=$(date +%s)
	if ! out=$(go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" "./$dir" 2>&1); then
		printf '%s\n' "$out" >&2
		echo "fuzz.sh: FAIL ./$dir $name" >&2
		exit 1
	fi
	printf '%-28s %-24s ok %4ss\n' "./$dir" "$name" "$(( $(date +%s) - t0 ))"
done
echo "fuzz.sh: all targets passed in $(( $(date +%s) - start ))s (FUZZTIME=$fuzztime each)"
