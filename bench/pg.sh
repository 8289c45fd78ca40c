# Throwaway PostgreSQL for CI and benchmarks: sourced by .ci/run and
# bench/postgres/run.sh (bash).
#
#   . bench/pg.sh
#   pg_start            # installs PostgreSQL from Debian packages when missing,
#                       # initdb into a temporary directory, starts the server
#                       # on 127.0.0.1 and sets PG_URL, PG_DIR, PG_PORT
#   ... NEWSGRAPH_TEST_POSTGRES=$PG_URL go test ./graph ...
#   pg_stop             # stops the server and removes the directory
#
# PG_URL names the server's "postgres" database as the superuser "newsgraph"
# (trust authentication, reachable from 127.0.0.1 only): the tests create
# and drop a database of their own for each test. postgres refuses to run as
# root, so as root the server runs as the "postgres" user (or "nobody").
# pg_start installs an EXIT trap that calls pg_stop unless PG_NO_TRAP=1 (a
# caller with its own EXIT trap calls pg_stop from it).

pg_bindir() {
	local d
	if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
		dirname "$(readlink -f "$(command -v pg_ctl)")"
		return 0
	fi
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[ -n "$d" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
	return 1
}

pg_install() {
	pg_bindir >/dev/null && return 0
	local sudo=""
	if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then
		sudo="sudo"
	fi
	echo "pg.sh: installing PostgreSQL (apt-get install postgresql)" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
	pg_bindir >/dev/null
}

# pg_as runs a command as the server's user.
pg_as() {
	if [ -n "${PG_USER:-}" ]; then
		runuser -u "$PG_USER" -- "$@"
	else
		"$@"
	fi
}

# pg_free_port prints a TCP port on 127.0.0.1 that nothing listens on.
pg_free_port() {
	local p
	for p in $(seq $((55000 + RANDOM % 500)) 55999); do
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

pg_start() {
	pg_install || { echo "pg.sh: PostgreSQL is not installed and could not be installed" >&2; return 1; }
	local bin
	bin=$(pg_bindir)
	PG_USER=""
	if [ "$(id -u)" = 0 ]; then
		if id postgres >/dev/null 2>&1; then PG_USER=postgres; else PG_USER=nobody; fi
	fi
	PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-pg.XXXXXX")
	[ -n "$PG_USER" ] && chown "$PG_USER" "$PG_DIR"
	PG_PORT=$(pg_free_port) || { echo "pg.sh: no free port" >&2; return 1; }
	pg_as "$bin/initdb" -D "$PG_DIR/data" -U newsgraph --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 ||
		pg_as "$bin/initdb" -D "$PG_DIR/data" -U newsgraph --auth=trust -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 ||
		{ cat "$PG_DIR/initdb.log" >&2; return 1; }
	# A server for tests: no durability waits, enough connections for two
	# ingest processes and the tests' own.
	pg_as "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
		-o "-k $PG_DIR -h 127.0.0.1 -p $PG_PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
		start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
	PG_URL="postgres://newsgraph@127.0.0.1:$PG_PORT/postgres?sslmode=disable"
	PG_BIN=$bin
	export PG_URL PG_DIR PG_PORT PG_BIN PG_USER
	if [ "${PG_NO_TRAP:-0}" != 1 ]; then
		trap pg_stop EXIT
	fi
	echo "pg.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (data in $PG_DIR)" >&2
}

pg_stop() {
	[ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ] || return 0
	pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
	rm -rf "$PG_DIR"
	PG_DIR=""
}
