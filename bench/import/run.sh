#!/bin/sh
# Measures `newsgraph import` against Cayley v0.7.7's own `cayley load` on
# the same 1,000,000-quad N-Quads file and the same backend (bolt), side by
# side in one run (see main.go): elapsed time, quads/s, peak RSS and the
# ratios. It builds newsgraph, bench/paths (whose generator makes the file)
# and this program, and builds Cayley's CLI inside a temporary module pinned
# to github.com/cayleygraph/cayley v0.7.7 and github.com/cayleygraph/quad
# v1.2.4 (`go install ...@v0.7.7` is refused by the module proxy), reusing
# this module's go.sum for the dependencies they share.
#
# Extra arguments go to the program: -rounds 3 alternates three loads per
# tool and reports medians; -quads N and -file F change the file; -batch N
# is passed to newsgraph import. The file and the cayley binary are kept in
# WORK (default ${TMPDIR:-/tmp}/newsgraph-bench-import) for the next run.
# Takes about a minute, plus one or two for the first build and the file.
set -eu
cd "$(dirname "$0")/../.."
work=${WORK:-${TMPDIR:-/tmp}/newsgraph-bench-import}
mkdir -p "$work"
go build -o "$work/newsgraph" ./cmd/newsgraph
go build -o "$work/paths" ./bench/paths
go build -o "$work/bench-import" ./bench/import

if [ ! -x "$work/cayley" ]; then
	mod=$(mktemp -d)
	trap 'rm -rf "$mod"' EXIT
	cat >"$mod/go.mod" <<'MOD'
module cayleyload

go 1.26

require (
	github.com/cayleygraph/cayley v0.7.7
	github.com/cayleygraph/quad v1.2.4
)
MOD
	cp go.sum "$mod/go.sum"
	printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/cayleygraph/cayley/cmd/cayley"\n' >"$mod/tools.go"
	(
		cd "$mod"
		go mod tidy
		# tidy must not have moved the pins
		grep -q 'github.com/cayleygraph/cayley v0.7.7' go.mod
		grep -q 'github.com/cayleygraph/quad v1.2.4' go.mod
		CGO_ENABLED=0 go build -o "$work/cayley" github.com/cayleygraph/cayley/cmd/cayley
	)
	rm -rf "$mod"
	trap - EXIT
fi

exec "$work/bench-import" -work "$work" -newsgraph "$work/newsgraph" -cayley "$work/cayley" -paths "$work/paths" "$@"
