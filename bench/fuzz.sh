#!/bin/sh
# fuzz.sh runs every Go fuzz target in the module for a short fixed time
# each: FUZZTIME (a go test -fuzztime value, default 10s) per target. Go
# fuzzes one target per package per invocation, so the targets run one
# after another; each first replays its seed corpus and testdata/fuzz
# regressions. Set FUZZ to a regular expression to run only the targets
# whose "package.FuzzName" it matches. FUZZMINIMIZETIME (default 100x)
# bounds the minimising of each new input: Go's default of 60 s stalls
# slow targets such as FuzzExtract, whose inputs are whole articles. A
# failure stops the script with the crasher saved under the package's
# testdata/fuzz/FuzzName/ (commit it as a regression test once fixed); it
# exits 0 when every target passes and prints the time each took.
#
# Go before 1.27 can fail a run at the -fuzztime boundary with a bare
# "context deadline exceeded" when a worker is still busy as time runs out
# (golang/go#75804), most often under load: no input failed and nothing is
# written. Such a run is tried again, up to twice; a run that writes a
# failing input, or fails in any other way, fails at once.
#
# CI: FUZZTIME=5s sh bench/fuzz.sh
set -eu
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-10s}
filter=${FUZZ:-.}
minimize=${FUZZMINIMIZETIME:-100x}
targets=$(grep -rn --include='*_test.go' '^func Fuzz' . | sed -E 's#^\./(.*)/[^/]*_test\.go:[0-9]+:func (Fuzz[A-Za-z0-9_]*).*#\1 \2#' | sort -u)
[ -n "$targets" ] || { echo "fuzz.sh: no fuzz targets found" >&2; exit 1; }
# deadline_race OUTPUT reports whether a failed fuzz run's output shows
# only Go's deadline race: "context deadline exceeded", with no failing
# input written, no panic and no other failure.
deadline_race() {
	printf '%s\n' "$1" | grep -q 'context deadline exceeded' || return 1
	! printf '%s\n' "$1" | grep -Eq 'Failing input written|^panic:|_test\.go:[0-9]+:|fatal error:'
}
start=$(date +%s)
printf '%s\n' "$targets" | while read -r dir name; do
	printf '%s\n' "$dir.$name" | grep -Eq -- "$filter" || continue
	t0=$(date +%s)
	tries=0
	note=
	while ! out=$(go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" "./$dir" 2>&1); do
		tries=$((tries + 1))
		if [ "$tries" -le 2 ] && deadline_race "$out"; then
			note=" (tried again: Go's fuzz deadline race, golang/go#75804)"
			continue
		fi
		printf '%s\n' "$out" >&2
		echo "fuzz.sh: FAIL ./$dir $name" >&2
		exit 1
	done
	printf '%-28s %-24s ok %4ss%s\n' "./$dir" "$name" "$(( $(date +%s) - t0 ))" "$note"
done
echo "fuzz.sh: all targets passed in $(( $(date +%s) - start ))s (FUZZTIME=$fuzztime each)"
