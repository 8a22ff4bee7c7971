#!/usr/bin/env bash
# SCIM 2.0 conformance of the real server, checked by scim2-tester (RFC 7643/7644: discovery, then create,
# read, query with attributes, replace, delete and PATCH add/remove/replace of every attribute of Users and
# Groups), as an identity provider would reach it.
#
#   scripts/scim-tester.sh
#
# Creates a virtualenv with exactly scripts/scim-tester/requirements.txt (in
# /var/cache/switchboard/scim-tester-venv, or ./.venv-scim-tester when that is not writable), builds the
# server (debug, the profile the Rust tests use) unless SWITCHBOARD_SERVER_BIN names one, and for each
# database — SQLite, and PostgreSQL when SWITCHBOARD_TEST_POSTGRES_URL names a server
# (scripts/with-postgres.sh) — seeds a fresh one with the demo team, serves it on a free port, signs in as
# the owner, creates a provisioning token and runs scripts/scim-tester/check.py with it. Every check's
# result is printed, the skipped ones with their reason. Exits non-zero when any check fails on either
# database, or when SWITCHBOARD_REQUIRE_POSTGRES=1 and no PostgreSQL is named. Servers are stopped and
# databases removed in every case. Tunables: SWITCHBOARD_SCIM_TESTER_VENV, SWITCHBOARD_PYTHON,
# SWITCHBOARD_SERVER_BIN.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
# shellcheck source=/dev/null
[ -f scripts/env.sh ] && source scripts/env.sh
# shellcheck source=scripts/lib/server.sh
source scripts/lib/server.sh

requirements="$repo/scripts/scim-tester/requirements.txt"
venv=${SWITCHBOARD_SCIM_TESTER_VENV:-/var/cache/switchboard/scim-tester-venv}
if ! mkdir -p "$venv" 2>/dev/null || [ ! -w "$venv" ]; then
  venv="$repo/.venv-scim-tester"
fi
# The venv is rebuilt whenever the pins change: the stamp is the requirements file itself.
stamp=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ "$(cat "$venv/.switchboard-requirements" 2>/dev/null)" != "$stamp" ] || [ ! -x "$venv/bin/python" ]; then
  candidates=()
  [ -n "${SWITCHBOARD_PYTHON:-}" ] && candidates+=("$SWITCHBOARD_PYTHON")
  # scim2-tester needs Python 3.11 or later.
  candidates+=(python3.13 python3.12 python3.11 python3)
  installed=0
  for python in "${candidates[@]}"; do
    command -v "$python" >/dev/null 2>&1 || continue
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || continue
    echo "scim-tester.sh: installing $requirements with $python into $venv" >&2
    rm -rf "$venv"
    if "$python" -m venv "$venv" >&2 &&
      "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2; then
      echo "$stamp" >"$venv/.switchboard-requirements"
      installed=1
      break
    fi
  done
  [ "$installed" -eq 1 ] || { echo "scim-tester.sh: could not install scim2-tester" >&2; exit 1; }
fi
echo "scim-tester.sh: $("$venv/bin/python" --version), scim2-tester $("$venv/bin/python" -c \
  'import importlib.metadata as m; print(m.version("scim2-tester"))')" >&2

# SWITCHBOARD_SERVER_BIN: a server binary built already (by the test stage), so no second build.
bin=${SWITCHBOARD_SERVER_BIN:-}
if [ -z "$bin" ]; then
  cargo build --locked -p switchboard-server --bin switchboard-server >&2
  bin="${CARGO_TARGET_DIR:-$repo/target}/debug/switchboard-server"
fi

postgres_admin=${SWITCHBOARD_TEST_POSTGRES_URL:-}
if [ -z "$postgres_admin" ] && [ "${SWITCHBOARD_REQUIRE_POSTGRES:-}" = 1 ]; then
  echo "scim-tester.sh: SWITCHBOARD_REQUIRE_POSTGRES=1 but SWITCHBOARD_TEST_POSTGRES_URL is not set:" \
    "run under scripts/with-postgres.sh" >&2
  exit 1
fi

work=$(mktemp -d -t switchboard-scim-tester.XXXXXX)
server_pid=""
pg_database=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
drop_database() {
  if [ -n "$pg_database" ]; then
    psql "$postgres_admin" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $pg_database" >/dev/null 2>&1 || true
    pg_database=""
  fi
}
# check() shows the server's log when a run fails; this only stops and removes what is left.
cleanup() {
  local code=$?
  stop_server
  drop_database
  rm -rf "$work"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

email="owner@scim-tester.example"
password="scim-tester-owner-password"

# check LABEL DATABASE_URL: seeds and serves DATABASE_URL, runs the checks; their exit code.
check() {
  local label=$1 url=$2 code=0
  "$bin" seed --database-url "$url" --owner-email "$email" --owner-password "$password" --demo \
    >"$work/seed.log" 2>&1 || { cat "$work/seed.log" >&2; return 1; }
  # Each check makes and deletes resources with one token: the per-token limiter must not answer 429.
  SWITCHBOARD_RATE_LIMIT_PER_MINUTE=0 NO_COLOR=1 \
    "$bin" serve --database-url "$url" --listen 127.0.0.1:0 >"$work/server.log" 2>&1 &
  server_pid=$!
  local addr
  addr=$(server_address "$work/server.log" "$server_pid" scim-tester.sh) || return 1
  echo "scim-tester.sh: $label server at http://$addr" >&2
  SWITCHBOARD_SCIM_TESTER_URL="http://$addr" SWITCHBOARD_SCIM_TESTER_LABEL="$label" \
    SWITCHBOARD_SCIM_TESTER_EMAIL="$email" SWITCHBOARD_SCIM_TESTER_PASSWORD="$password" \
    "$venv/bin/python" "$repo/scripts/scim-tester/check.py" || code=$?
  if [ "$code" -ne 0 ]; then
    echo "scim-tester.sh: last lines of the $label server log:" >&2
    tail -n 40 "$work/server.log" >&2
  fi
  stop_server
  rm -f "$work/server.log"
  return "$code"
}

failed=()
check sqlite "sqlite://$work/scim-tester.db?mode=rwc" || failed+=(sqlite)
if [ -n "$postgres_admin" ]; then
  pg_database="switchboard_scim_tester_$$"
  psql "$postgres_admin" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $pg_database" >/dev/null
  # The same server and user, the fresh database in the URL's path.
  pg_url=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' \
    "$postgres_admin" "$pg_database")
  check postgres "$pg_url" || failed+=(postgres)
  drop_database
else
  echo "scim-tester.sh: SKIPPED postgres: SWITCHBOARD_TEST_POSTGRES_URL is not set (run under scripts/with-postgres.sh)" >&2
fi

if [ "${#failed[@]}" -ne 0 ]; then
  echo "scim-tester.sh: scim2-tester failed on: ${failed[*]}" >&2
  exit 1
fi
echo "scim-tester.sh: every check passed" >&2
