#!/usr/bin/env bash
# run.sh checks that `newsgraph ingest` survives SIGKILL at random moments:
#   1. builds newsgraph and generates a corpus of CRASH_N articles with
#      bench/ingest/gen;
#   2. ingests it once, uninterrupted, into a fresh bolt store (the
#      reference) and times it;
#   3. CRASH_KILLS times: starts `newsgraph ingest` of the same corpus into
#      a second bolt store, sends it SIGKILL after a random delay between 0
#      and the reference's ingest time, then runs `newsgraph check` on the
#      second store, which must pass; when an ingest finished before its
#      kill, the second store is emptied so that the next kill lands during
#      an ingest again;
#   4. ingests once more into the second store, to completion, and compares
#      `newsgraph export --format nquads | sort` of both stores, which must
#      be identical.
# It prints a table (kills, kills that landed during an ingest, checks
# passed, final diff) and exits 1 when a check fails or the exports differ.
#
# Environment (all optional):
#   CRASH_N      articles in the corpus (default 2000)
#   CRASH_KILLS  SIGKILLs (default 20)
#   CRASH_SEED   seed of the corpus generator and of the delays (default 1)
#   CRASH_KEEP   set to keep the work directory (stores, corpus, logs)
#
# Small version for CI (about a minute on two cores):
#   CRASH_N=200 CRASH_KILLS=10 bench/crash/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${CRASH_N:-2000}
KILLS=${CRASH_KILLS:-20}
SEED=${CRASH_SEED:-1}
RANDOM=$SEED

work=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-crash.XXXXXX")
if [ -z "${CRASH_KEEP:-}" ]; then
	trap 'rm -rf "$work"' EXIT
else
	echo "work directory: $work" >&2
fi
trap 'exit 130' INT TERM
ng=$work/newsgraph
t0=$(date +%s%N)
echo "building newsgraph and generating $N articles" >&2
go build -o "$ng" ./cmd/newsgraph
go run ./bench/ingest/gen -n "$N" -seed "$SEED" -o "$work/corpus" >&2

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# Reference: one uninterrupted ingest.
start=$(date +%s%N)
"$ng" --db "$work/ref.db" ingest --quiet "$work/corpus" 2>"$work/ref.log"
ref_ms=$(ms "$start")
echo "reference ingest: ${ref_ms} ms" >&2

db=$work/crash.db
passed=0 landed=0
for i in $(seq 1 "$KILLS"); do
	delay=$(( (RANDOM * 32768 + RANDOM) % (ref_ms * 4 / 5 + 1) ))
	"$ng" --db "$db" ingest --quiet "$work/corpus" 2>"$work/ingest-$i.log" &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	if kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid" 2>/dev/null || true
		landed=$((landed + 1))
		how=killed
	else
		how="finished first"
	fi
	wait "$pid" 2>/dev/null || true
	if [ ! -e "$db" ]; then
		echo "kill $i after ${delay} ms ($how): no store yet" >&2
		passed=$((passed + 1))
		continue
	fi
	if "$ng" --db "$db" check >"$work/check-$i.out" 2>&1; then
		passed=$((passed + 1))
		echo "kill $i after ${delay} ms ($how): check ok: $(head -1 "$work/check-$i.out")" >&2
	elif grep -q 'no store here' "$work/check-$i.out"; then
		# Killed while creating the store: nothing was committed, and the
		# next ingest initialises it (the loop goes on with the same path).
		passed=$((passed + 1))
		echo "kill $i after ${delay} ms ($how): no store yet: $(tail -1 "$work/check-$i.out")" >&2
	else
		echo "kill $i after ${delay} ms ($how): CHECK FAILED" >&2
		cat "$work/check-$i.out" >&2
	fi
	if [ "$how" != killed ]; then
		rm -rf "$db"
	fi
done

# Resume to completion and compare with the reference.
"$ng" --db "$db" ingest --quiet "$work/corpus" 2>"$work/final.log"
final_check=ok
"$ng" --db "$db" check >"$work/check-final.out" 2>&1 || final_check=FAILED
"$ng" --db "$work/ref.db" export --format nquads | LC_ALL=C sort >"$work/ref.nq"
"$ng" --db "$db" export --format nquads | LC_ALL=C sort >"$work/crash.nq"
difflines=$(diff "$work/ref.nq" "$work/crash.nq" | grep -c '^[<>]' || true)

printf '\n%-34s %s\n' "articles" "$N"
printf '%-34s %s\n' "reference ingest (ms)" "$ref_ms"
printf '%-34s %s\n' "kills" "$KILLS"
printf '%-34s %s\n' "kills during an ingest" "$landed"
printf '%-34s %s\n' "checks passed" "$passed/$KILLS"
printf '%-34s %s\n' "check after the final ingest" "$final_check"
printf '%-34s %s\n' "reference quads" "$(wc -l <"$work/ref.nq")"
printf '%-34s %s\n' "final diff (lines)" "$difflines"
printf '%-34s %s\n' "total time (s)" "$(( $(ms "$t0") / 1000 ))"

if [ "$passed" -ne "$KILLS" ] || [ "$final_check" != ok ] || [ "$difflines" -ne 0 ]; then
	echo "FAIL" >&2
	exit 1
fi
echo "PASS" >&2
