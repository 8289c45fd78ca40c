#!/bin/sh
# Measures newsgraph's path queries on a generated store of about 1,000,000
# quads (see main.go): cold open + index build, index memory, shortest
# paths p50/p99 over 1,000 random connected pairs, k=5 paths, neighbors,
# and the speed-up over a breadth-first search through Cayley's path API.
# Extra arguments go to the program (e.g. -quads 200000, -dir DIR -keep to
# reuse a generated store). Takes about a minute on two cores.
set -eu
cd "$(dirname "$0")/../.."
go build -o "${TMPDIR:-/tmp}/newsgraph-bench-paths" ./bench/paths
exec "${TMPDIR:-/tmp}/newsgraph-bench-paths" "$@"
