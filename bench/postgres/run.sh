#!/usr/bin/env bash
# run.sh compares bolt and PostgreSQL on the same generated corpus
# (bench/ingest/gen, 2,000 articles by default) in one run and prints one
# table with both side by side:
#   - `newsgraph ingest` of the corpus into a fresh bolt store and into a
#     fresh PostgreSQL database (wall time, articles/s, quads/s);
#   - path queries over the same random connected entity pairs on both
#     (bench/postgres/main.go): cold open + index build, shortest paths
#     from the in-memory index p50/p90, with the evidence of the top 3
#     paths read from the store p50/p90, and the whole `newsgraph path A B`
#     command p50/p90 (on PostgreSQL with the local index cache, which the
#     `stats` run after the ingest fills).
#
# It starts its own throwaway PostgreSQL (bench/pg.sh, as .ci/run does; it
# installs the Debian package when missing) and removes it at the end.
#
# Environment (all optional):
#   BENCH_PG_N       articles (default 2000); e.g. BENCH_PG_N=200 for a
#                    quick run
#   BENCH_PG_SEED    generator seed (default 1)
#   BENCH_PG_PAIRS   entity pairs timed from the index (default 200)
#   BENCH_PG_WORKERS ingest --workers (default 1: both ingests extract alike)
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${BENCH_PG_N:-2000}
SEED=${BENCH_PG_SEED:-1}
PAIRS=${BENCH_PG_PAIRS:-200}
WORKERS=${BENCH_PG_WORKERS:-1}

work=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-bench-pg.XXXXXX")
# The query index cache of the PostgreSQL commands goes with the run.
export NEWSGRAPH_INDEX_CACHE=$work/index-cache
PG_NO_TRAP=1
. bench/pg.sh
cleanup() {
	pg_stop
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/newsgraph" ./cmd/newsgraph
go build -o "$work/gen" ./bench/ingest/gen
go build -o "$work/compare" ./bench/postgres
"$work/gen" -n "$N" -seed "$SEED" -o "$work/corpus" >/dev/null
articles=$(find "$work/corpus" -type f | wc -l)

pg_start
"$PG_BIN/psql" -q -d "$PG_URL" -c "CREATE DATABASE bench" >/dev/null
pgdb="${PG_URL/\/postgres\?//bench?}"

# A fixed reference date: both ingests resolve relative dates alike.
ingest=(ingest --quiet --workers "$WORKERS" --reference-date 2026-01-09 "$work/corpus")
timed() { # label, command...: prints seconds
	local t0 t1
	t0=$(date +%s.%N)
	"${@:2}" >"$work/$1.out" 2>"$work/$1.err" || { cat "$work/$1.err" >&2; exit 1; }
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
tb=$(timed bolt "$work/newsgraph" --db "$work/bolt.db" "${ingest[@]}")
tp=$(timed postgres "$work/newsgraph" --backend postgres --db "$pgdb" "${ingest[@]}")
qb=$("$work/newsgraph" --db "$work/bolt.db" stats --format json | sed -n 's/^  "quads": \([0-9]*\),*$/\1/p')
qp=$("$work/newsgraph" --backend postgres --db "$pgdb" stats --format json | sed -n 's/^  "quads": \([0-9]*\),*$/\1/p')
"$work/newsgraph" --backend postgres --db "$pgdb" check >"$work/check.out" 2>&1 || { cat "$work/check.out" >&2; exit 1; }

echo "corpus: $articles generated articles (bench/ingest/gen -n $N -seed $SEED); PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1 (fsync off), $(nproc) cores"
echo
printf '| %-52s | %12s | %12s |\n' "ingest (--workers $WORKERS)" "bolt" "PostgreSQL"
printf '| %-52s | %12s | %12s |\n' "---" "---" "---"
div() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { printf f, a / b }'; }
printf '| %-52s | %12s | %12s |\n' "wall time" "$(div "$tb" 1 '%.1f s')" "$(div "$tp" 1 '%.1f s')"
printf '| %-52s | %12s | %12s |\n' "articles/s" "$(div "$articles" "$tb" '%.1f')" "$(div "$articles" "$tp" '%.1f')"
printf '| %-52s | %12s | %12s |\n' "quads stored" "$qb" "$qp"
printf '| %-52s | %12s | %12s |\n' "quads/s" "$(div "$qb" "$tb" '%.0f')" "$(div "$qp" "$tp" '%.0f')"
echo
echo "check on PostgreSQL: $(cat "$work/check.out")"
echo
"$work/compare" -bolt "$work/bolt.db" -pg "$pgdb" -bin "$work/newsgraph" -pairs "$PAIRS" -seed "$SEED"
