#!/usr/bin/env bash
# Property-based API testing of the real server against the committed OpenAPI document.
#
#   scripts/schemathesis.sh [extra schemathesis run options...]
#
# Creates a virtualenv with a pinned schemathesis (in /var/cache/switchboard/venv, or ./.venv when that is
# not writable), builds the server (debug, the profile the Rust tests use), seeds a fresh SQLite file with
# the demo team, serves it on a free port, and runs `schemathesis run` on
# crates/switchboard-server/openapi.json with every default check and every phase, stateful (links)
# included, signed in as the seeded owner (scripts/schemathesis/hooks.py). Exits non-zero on any failure;
# the server is stopped and the files removed in every case. JUnit and NDJSON reports land in
# $SCHEMATHESIS_REPORT_DIR (default: artifacts/schemathesis, git-ignored). Tunables: SCHEMATHESIS_MAX_EXAMPLES
# (50), SCHEMATHESIS_SEED, SCHEMATHESIS_WORKERS (2), SWITCHBOARD_VENV, SWITCHBOARD_PYTHON,
# SWITCHBOARD_SERVER_BIN.
set -euo pipefail

SCHEMATHESIS_VERSION=4.32.5
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
# The project's shared build settings (the cargo target dir outside the clone), as the other scripts use.
# shellcheck source=/dev/null
[ -f scripts/env.sh ] && source scripts/env.sh
# shellcheck source=scripts/lib/server.sh
source scripts/lib/server.sh

venv=${SWITCHBOARD_VENV:-/var/cache/switchboard/venv}
if ! mkdir -p "$venv" 2>/dev/null || [ ! -w "$venv" ]; then
  venv="$repo/.venv"
fi
# Python 3.11 (the machine's default) crashes inside hypothesis with "SystemError: AST constructor
# recursion depth mismatch" (a CPython 3.11 bug) on this document: prefer 3.12, then 3.13, where present.
candidates=()
[ -n "${SWITCHBOARD_PYTHON:-}" ] && candidates+=("$SWITCHBOARD_PYTHON")
pyenv_root=$(pyenv root 2>/dev/null || true)
if [ -n "$pyenv_root" ]; then
  for p in "$pyenv_root"/versions/3.12*/bin/python3 "$pyenv_root"/versions/3.13*/bin/python3; do
    [ -x "$p" ] && candidates+=("$p")
  done
fi
candidates+=(python3.12 python3.13 python3)
if [ "$(cat "$venv/.switchboard-version" 2>/dev/null)" != "$SCHEMATHESIS_VERSION" ] || [ ! -x "$venv/bin/schemathesis" ]; then
  installed=0
  for python in "${candidates[@]}"; do
    command -v "$python" >/dev/null 2>&1 || continue
    echo "schemathesis.sh: installing schemathesis $SCHEMATHESIS_VERSION with $python into $venv" >&2
    rm -rf "$venv"
    if "$python" -m venv "$venv" >&2 &&
      "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2; then
      echo "$SCHEMATHESIS_VERSION" >"$venv/.switchboard-version"
      installed=1
      break
    fi
  done
  [ "$installed" -eq 1 ] || { echo "schemathesis.sh: could not install schemathesis" >&2; exit 1; }
fi
echo "schemathesis.sh: $("$venv/bin/python" --version), $("$venv/bin/schemathesis" --version)" >&2

# SWITCHBOARD_SERVER_BIN: a server binary built already (e.g. by the test stage; building `-p
# switchboard-server` alone can unify dependency features differently from a workspace build and rebuild).
if [ -n "${SWITCHBOARD_SERVER_BIN:-}" ]; then
  bin=$SWITCHBOARD_SERVER_BIN
else
  target_dir=${CARGO_TARGET_DIR:-$repo/target}
  cargo build --locked -p switchboard-server --bin switchboard-server >&2
  bin="$target_dir/debug/switchboard-server"
fi

work=$(mktemp -d -t switchboard-schemathesis.XXXXXX)
server_pid=""
cleanup() {
  local code=$?
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$code" -ne 0 ] && [ -f "$work/server.log" ]; then
    echo "schemathesis.sh: last lines of the server log:" >&2
    tail -n 40 "$work/server.log" >&2
  fi
  rm -rf "$work"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

email="owner@schemathesis.example"
password="schemathesis-owner-password"
url="sqlite://$work/schemathesis.db?mode=rwc"
"$bin" seed --database-url "$url" --owner-email "$email" --owner-password "$password" --demo \
  >"$work/seed.log" 2>&1 || { cat "$work/seed.log" >&2; exit 1; }

# The fuzzer sends thousands of requests with one owner's token: the per-token limiter would answer 429.
# Its generated sign-ins all fail from one address, which would soon make the hooks' own sign-in wait:
# the per-address count is off (the per-account one stays; the fuzzer does not know the owner's email).
SWITCHBOARD_RATE_LIMIT_PER_MINUTE=${SWITCHBOARD_RATE_LIMIT_PER_MINUTE:-0} \
SWITCHBOARD_SIGN_IN_FREE_FAILURES_PER_ADDRESS=${SWITCHBOARD_SIGN_IN_FREE_FAILURES_PER_ADDRESS:-0} \
  "$bin" serve --database-url "$url" --listen 127.0.0.1:0 >"$work/server.log" 2>&1 &
server_pid=$!
addr=$(server_address "$work/server.log" "$server_pid" schemathesis.sh) || exit 1
base="http://$addr"
echo "schemathesis.sh: server at $base" >&2

report_dir=${SCHEMATHESIS_REPORT_DIR:-$repo/artifacts/schemathesis}
mkdir -p "$report_dir"
echo "schemathesis.sh: reports in $report_dir" >&2

export SWITCHBOARD_SCHEMATHESIS_URL=$base
export SWITCHBOARD_SCHEMATHESIS_EMAIL=$email
export SWITCHBOARD_SCHEMATHESIS_PASSWORD=$password
export PYTHONPATH="$repo/scripts/schemathesis${PYTHONPATH:+:$PYTHONPATH}"
export SCHEMATHESIS_HOOKS=hooks

# --seed makes a failure reproducible; --generation-database none keeps runs independent of each other.
"$venv/bin/schemathesis" --config-file "$repo/scripts/schemathesis/schemathesis.toml" \
  run "$repo/crates/switchboard-server/openapi.json" \
  --url "$base" \
  --phases examples,coverage,fuzzing,stateful \
  --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-50}" \
  --seed "${SCHEMATHESIS_SEED:-20261127}" \
  --generation-database none \
  --workers "${SCHEMATHESIS_WORKERS:-2}" \
  --request-timeout 30 \
  --no-color \
  --report junit,ndjson --report-dir "$report_dir" \
  "$@"
