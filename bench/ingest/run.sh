#!/bin/sh
# run.sh measures `newsgraph ingest` on a generated corpus (bench/ingest/gen)
# and prints each figure next to its target:
#   - `newsgraph extract` alone over the corpus (output discarded): articles/s;
#   - `ingest --workers 1` and `--workers 2` into fresh bolt stores:
#     articles/s each and the scaling (target >= 1.7x);
#   - ingest throughput as a share of extract alone (target >= 50%);
#   - peak RSS of each ingest (target <= 500 MB), and its growth between a
#     corpus of SMALL articles and one of N (target: flat, <= 1.2x), with
#     VmRSS sampled over the N-article ingest;
#   - re-ingest of the same N unchanged articles, as a share of the first
#     ingest's time (target <= 10%).
#
# Environment (all optional):
#   BENCH_INGEST_N        articles in the corpus (default 10000)
#   BENCH_INGEST_SMALL    articles of the small corpus for memory growth
#                         (default N/5)
#   BENCH_INGEST_SEED     generator seed (default 1)
#   BENCH_INGEST_BATCHES  --batch sizes to compare, for example "8 32 128"
#                         (default none): the N articles are ingested again
#                         into a fresh store with MAXW workers and each
#                         --batch (and ingest's default --memory-limit for
#                         it), and a table gives the time, CPU and peak RSS
#   BENCH_INGEST_CORPUS   directory caching the generated corpora (default
#                         $TMPDIR/newsgraph-bench-ingest); a corpus is
#                         generated again when the generator, its sources or
#                         its parameters change
#
# When `ingest` has no --workers flag, the number of workers is set with
# GOMAXPROCS (ingest runs one extraction worker per GOMAXPROCS); --quiet is
# passed when ingest has it. Stores live
# in a temporary directory removed at the end. At 10,000 articles the run
# takes tens of minutes on two cores.
set -eu
cd "$(dirname "$0")/../.."

N=${BENCH_INGEST_N:-10000}
SMALL=${BENCH_INGEST_SMALL:-$((N / 5))}
[ "$SMALL" -ge 1 ] || SMALL=1
SEED=${BENCH_INGEST_SEED:-1}
CACHE=${BENCH_INGEST_CORPUS:-${TMPDIR:-/tmp}/newsgraph-bench-ingest}
NCPU=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
MAXW=2

work=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-bench-ingest-run.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
ng=$work/newsgraph
echo "building newsgraph and the corpus generator" >&2
go build -o "$ng" ./cmd/newsgraph
go build -o "$work/gen" ./bench/ingest/gen

# corpus COUNT prints the directory of the corpus of COUNT articles,
# generating it unless the cached one was made by the same generator from
# the same sources with the same parameters.
corpus() {
	dir=$CACHE/seed$SEED-n$1
	stamp="n=$1 seed=$SEED $(cat bench/ingest/gen/*.go testdata/dev/*.txt testdata/test/*.txt schema/data/*.tsv | cksum)"
	if [ ! -f "$dir.stamp" ] || [ "$(cat "$dir.stamp")" != "$stamp" ]; then
		rm -rf "$dir" "$dir.stamp"
		mkdir -p "$CACHE"
		"$work/gen" -n "$1" -seed "$SEED" -o "$dir" >&2
		printf '%s\n' "$stamp" >"$dir.stamp"
	else
		echo "using the cached corpus $dir" >&2
	fi
	printf '%s\n' "$dir"
}
big=$(corpus "$N")
small=$(corpus "$SMALL")

help=$("$ng" ingest --help 2>&1 || true)
has_workers=no
printf '%s\n' "$help" | grep -q -- '--workers' && has_workers=yes
quiet=
printf '%s\n' "$help" | grep -q -- '--quiet' && quiet=--quiet
extract_workers=
"$ng" extract --help 2>&1 | grep -q -- '--workers' && extract_workers="--workers $MAXW"

# busy prints the busy CPU time of the whole machine since boot, in clock
# ticks (user, nice, system, irq, softirq and steal of every CPU).
HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)
busy() {
	awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat 2>/dev/null || echo 0
}

# measure LABEL CMD... runs CMD with stdout to /dev/null and stderr to
# $work/LABEL.err, sampling its VmRSS, RssAnon and VmHWM every 0.2 s into
# $work/LABEL.rss ("seconds rss_kB anon_kB hwm_kB"), and writes the elapsed
# seconds to $work/LABEL.secs, the peak RSS in kB to $work/LABEL.peak (from
# /usr/bin/time -v when installed, else the last VmHWM sampled), the
# largest RssAnon sampled to $work/LABEL.anon, the machine's busy CPU
# seconds over the run (all processes, from /proc/stat) to
# $work/LABEL.busy, and with /usr/bin/time the CPU seconds (user + system)
# and share of a CPU of CMD to $work/LABEL.cpu.
measure() {
	label=$1
	shift
	: >"$work/$label.rss"
	busy0=$(busy)
	t0=$(date +%s.%N)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -v -o "$work/$label.time" "$@" >/dev/null 2>"$work/$label.err" &
	else
		"$@" >/dev/null 2>"$work/$label.err" &
	fi
	pid=$!
	hwm=0
	while kill -0 "$pid" 2>/dev/null; do
		# An exited child not yet waited for is a zombie: done.
		[ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" != Z ] || break
		target=$pid
		if [ -x /usr/bin/time ]; then
			target=$(pgrep -P "$pid" 2>/dev/null | head -n 1 || true)
		fi
		if [ -n "$target" ] && [ -r "/proc/$target/status" ]; then
			now=$(date +%s.%N)
			awk -v t="$now" -v t0="$t0" '
				/^VmRSS:/ { rss = $2 } /^RssAnon:/ { anon = $2 } /^VmHWM:/ { hwm = $2 }
				END { if (rss != "") printf "%.2f %d %d %d\n", t - t0, rss, anon, hwm }' \
				"/proc/$target/status" >>"$work/$label.rss" 2>/dev/null || true
		fi
		sleep 0.2
	done
	status=0
	wait "$pid" || status=$?
	t1=$(date +%s.%N)
	busy1=$(busy)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >"$work/$label.secs"
	awk -v a="$busy0" -v b="$busy1" -v hz="$HZ" 'BEGIN { printf "%.1f\n", (b - a) / hz }' >"$work/$label.busy"
	awk 'BEGIN { m = 0 } $3 > m { m = $3 } END { print m }' "$work/$label.rss" >"$work/$label.anon"
	if [ -f "$work/$label.time" ]; then
		awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/$label.time" >"$work/$label.peak"
		awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } /Percent of CPU/ { p = $2 }
			END { printf "%.1f %s\n", u + s, p }' "$work/$label.time" >"$work/$label.cpu"
	else
		awk 'BEGIN { m = 0 } $4 > m { m = $4 } END { print m }' "$work/$label.rss" >"$work/$label.peak"
	fi
	if [ "$status" -ne 0 ]; then
		echo "run.sh: $label failed (exit $status): $*" >&2
		cat "$work/$label.err" >&2
		exit 1
	fi
	echo "$label: $(cat "$work/$label.secs") s" >&2
	[ ! -s "$work/$label.err" ] || tail -n 1 "$work/$label.err" >&2
}

load0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
echo "extract alone over $N articles" >&2
# shellcheck disable=SC2086 # $extract_workers is empty or two words
measure extract "$ng" extract $extract_workers "$big"
# ingest LABEL W DB DIR measures, as LABEL, the ingest of DIR into store
# DB with W workers: --workers W, or without that flag GOMAXPROCS=W (ingest
# then runs one extraction worker per GOMAXPROCS, and the whole process is
# held to W cores).
ingest() {
	if [ "$has_workers" = yes ]; then
		# shellcheck disable=SC2086 # $quiet is empty or one word
		measure "$1" "$ng" --db "$3" ingest --workers "$2" $quiet "$4"
	else
		# shellcheck disable=SC2086
		measure "$1" env GOMAXPROCS="$2" "$ng" --db "$3" ingest $quiet "$4"
	fi
}
for w in 1 $MAXW; do
	echo "ingest of $N articles, $w worker(s)" >&2
	ingest "ingest-w$w" "$w" "$work/w$w.db" "$big"
done
main=ingest-w$MAXW
echo "re-ingest of the same $N articles" >&2
ingest reingest "$MAXW" "$work/w$MAXW.db" "$big"
echo "ingest of the first $SMALL articles" >&2
ingest small "$MAXW" "$work/small.db" "$small"
BATCHES=${BENCH_INGEST_BATCHES:-}
if [ -n "$BATCHES" ] && [ "$has_workers" != yes ]; then
	echo "run.sh: ingest has no --workers flag: BENCH_INGEST_BATCHES ignored" >&2
	BATCHES=
fi
for b in $BATCHES; do
	echo "ingest of $N articles, $MAXW workers, --batch $b" >&2
	# shellcheck disable=SC2086 # $quiet is empty or one word
	measure "batch$b" "$ng" --db "$work/batch$b.db" ingest --workers "$MAXW" --batch "$b" $quiet "$big"
	rm -rf "$work/batch$b.db"
done

secs() { cat "$work/$1.secs"; }
peak() { cat "$work/$1.peak"; }
rate() { awk -v n="$1" -v s="$(secs "$2")" 'BEGIN { printf "%.1f", n / s }'; }
verdict() { awk -v x="$1" -v op="$2" -v y="$3" 'BEGIN { ok = (op == ">=") ? (x >= y) : (x <= y); print ok ? "met" : "NOT met" }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

ext=$(rate "$N" extract)
echo
echo "newsgraph ingest benchmark: $N generated articles (seed $SEED), $NCPU CPUs, bolt store"
echo "corpus: $big"
[ -n "$extract_workers" ] || echo "note: extract has no --workers flag; it ran with its default"
[ "$has_workers" = yes ] || echo "note: ingest has no --workers flag; workers set by GOMAXPROCS=1 and =$MAXW (which also holds the writer and the GC to those cores)"
printf '\n%-44s %16s  %-12s %s\n' "measure" "figure" "target" "verdict"
row() { printf '%-44s %16s  %-12s %s\n' "$1" "$2" "$3" "$4"; }
row "extract alone (articles/s)" "$ext" "" ""
r1=$(rate "$N" ingest-w1)
r2=$(rate "$N" "ingest-w$MAXW")
row "ingest, 1 worker (articles/s)" "$r1" "" ""
row "ingest, $MAXW workers (articles/s)" "$r2" "" ""
sc=$(awk -v a="$r2" -v b="$r1" 'BEGIN { printf "%.2f", a / b }')
row "scaling, $MAXW workers / 1" "${sc}x" ">= 1.7x" "$(verdict "$sc" ">=" 1.7)"
share=$(awk -v a="$r2" -v b="$ext" 'BEGIN { printf "%.0f", 100 * a / b }')
row "ingest / extract alone" "$share%" ">= 50%" "$(verdict "$share" ">=" 50)"
for l in ingest-w1 "ingest-w$MAXW"; do
	p=$(mb "$(peak "$l")")
	row "peak RSS, $l, $N articles" "$p MB" "<= 500 MB" "$(verdict "$p" "<=" 500)"
done
ps=$(mb "$(peak small)")
pb=$(mb "$(peak "$main")")
row "peak RSS, $main, $SMALL articles" "$ps MB" "<= 500 MB" "$(verdict "$ps" "<=" 500)"
g=$(awk -v a="$pb" -v b="$ps" 'BEGIN { printf "%.2f", a / b }')
row "peak RSS growth, $SMALL -> $N articles" "${g}x" "<= 1.2x" "$(verdict "$g" "<=" 1.2)"
re=$(awk -v a="$(secs reingest)" -v b="$(secs "$main")" 'BEGIN { printf "%.1f", 100 * a / b }')
row "re-ingest unchanged (% of first ingest)" "$re% ($(secs reingest) s)" "<= 10%" "$(verdict "$re" "<=" 10)"

an=$(mb "$(cat "$work/$main.anon")")
as=$(mb "$(cat "$work/small.anon")")
row "largest anonymous RSS sampled, $SMALL / $N" "$as / $an MB" "" ""

echo
echo "RSS over the $N-article ingest ($main), sampled every 0.2 s:"
awk '{ t[NR] = $1; r[NR] = $2; a[NR] = $3 }
END {
	if (NR == 0) { print "  no samples"; exit }
	n = split("10 25 50 75 90 100", q, " ")
	for (i = 1; i <= n; i++) {
		k = int(NR * q[i] / 100); if (k < 1) k = 1
		printf "  %3d%% of the run (%7.1f s): RSS %5.0f MB, anonymous %5.0f MB\n", q[i], t[k], r[k] / 1024, a[k] / 1024
	}
}' "$work/$main.rss"
if [ -n "$BATCHES" ]; then
	echo
	echo "--batch, $MAXW workers, $N articles (each with ingest's default --memory-limit):"
	printf '  %-8s %10s %10s %10s %10s\n' batch elapsed articles/s CPU "peak RSS"
	for b in $BATCHES; do
		cpu=$(cat "$work/batch$b.cpu" 2>/dev/null || echo "- -")
		printf '  %-8s %9ss %10s %9ss %7s MB\n' "$b" "$(secs "batch$b")" "$(rate "$N" "batch$b")" "${cpu% *}" "$(mb "$(peak "batch$b")")"
	done
fi

echo
echo "runs: CPU is the run's user + system seconds; others is the share of the"
echo "machine's $NCPU CPUs that other processes used meanwhile"
printf '  %-16s %9s %11s %10s %8s %10s %8s\n' run articles elapsed CPU "CPU%" "art/CPU-s" others
busiest=0
for l in extract ingest-w1 "ingest-w$MAXW" reingest small $(for b in $BATCHES; do printf 'batch%s ' "$b"; done); do
	[ -f "$work/$l.secs" ] || continue
	n=$N
	[ "$l" != small ] || n=$SMALL
	cpu=$(cat "$work/$l.cpu" 2>/dev/null || echo "- -")
	per=$(awk -v n="$n" -v c="${cpu% *}" 'BEGIN { if (c + 0 > 0) printf "%.1f", n / c; else print "-" }')
	others=$(awk -v b="$(cat "$work/$l.busy")" -v c="${cpu% *}" -v e="$(secs "$l")" -v n="$NCPU" \
		'BEGIN { x = (c == "-") ? "-" : 100 * (b - c) / (e * n); if (x != "-" && x < 0) x = 0; if (x == "-") print x; else printf "%.0f%%", x }')
	printf '  %-16s %9s %10ss %9ss %8s %10s %8s\n' "$l" "$n" "$(secs "$l")" "${cpu% *}" "${cpu#* }" "$per" "$others"
	busiest=$(awk -v a="$busiest" -v x="${others%\%}" 'BEGIN { print (x != "-" && x + 0 > a + 0) ? x + 0 : a }')
done
echo "load average before / after: $load0 / $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
awk -v x="$busiest" 'BEGIN {
	if (x + 0 > 10)
		printf "warning: other processes used up to %s%% of the CPUs during a run: wall-clock rates and the scaling are understated; compare the CPU seconds\n", x
}'
