#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL 15 server, for the server's PostgreSQL test half.
#
#   scripts/with-postgres.sh cargo test -p switchboard-server
#
# Debian's initdb/postgres refuse to run as root (and CI runs as root), so the cluster is created and run
# as the `postgres` user in a fresh temporary directory that user owns, on a free port on 127.0.0.1 with
# its socket in that directory. The command sees
#   SWITCHBOARD_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/postgres
# The server is stopped and the directory removed however the command ends; its exit code is returned.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

# Idempotent install: only when the binaries are missing.
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "with-postgres: installing Debian's postgresql" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends postgresql >&2
fi

# Run a postgres tool as the unprivileged `postgres` user when we are root, as ourselves otherwise.
if [ "$(id -u)" -eq 0 ]; then
  PG_USER=postgres
  as_pg() { runuser -u "$PG_USER" -- "$@"; }
else
  PG_USER=$(id -un)
  as_pg() { "$@"; }
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

dir=$(mktemp -d -t switchboard-pg.XXXXXX)
chmod 0755 "$dir"
chown "$PG_USER" "$dir"
started=0

cleanup() {
  local code=$?
  if [ "$started" -eq 1 ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 ||
      as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit "$code"
}
child=""
# On INT/TERM, stop the command first (it would otherwise run on against a database about to vanish).
stop() {
  local code=$1
  if [ -n "$child" ]; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'stop 130' INT
trap 'stop 143' TERM

as_pg "$PG_BIN/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}

# A port picked free can be taken before postgres binds it: retry a few times.
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  # fsync off: test data is thrown away, and it makes the PostgreSQL half several times faster.
  if as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null; then
    started=1
    break
  fi
  echo "with-postgres: start on port $port failed (attempt $attempt)" >&2
  tail -n 5 "$dir/log" >&2 || true
done
if [ "$started" -ne 1 ]; then
  echo "with-postgres: could not start PostgreSQL" >&2
  exit 1
fi

export SWITCHBOARD_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') at $SWITCHBOARD_TEST_POSTGRES_URL" >&2

# Not exec: the trap must still stop the server afterwards. In the background and waited for, so a
# signal to this script is handled at once rather than after the command ends.
set +e
"$@" &
child=$!
wait "$child"
code=$?
child=""
set -e
exit "$code"
