#!/usr/bin/env bash
# The invite outbox benchmark (a benchmark, not a test: it prints figures and asserts nothing about speed;
# ./scripts/test.sh does not run it).
#
#   scripts/bench-outbox.sh [--invites N] [--runs N]
#
# Builds crates/switchboard-core/benches/outbox.rs in release and runs it: --invites invites (1,000 by
# default) queued in a fresh outbox file and flushed by the outbox's sender to the real server, started in
# the same process on a fresh SQLite database and reached over 127.0.0.1 with the app's API client — at
# the sender's concurrency (8) and one at a time, --runs times each (3 by default), each run with its own
# server; then the same flush with a delivery that answers at once, the outbox's own ceiling. It prints
# total seconds, invites/s, the round trips' p50/p99 and the outbox's own time per invite as a Markdown
# table. After every run the server must hold exactly one invitation per invite and the outbox nothing,
# or the run exits non-zero.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
# shellcheck source=/dev/null
source scripts/env.sh

for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  esac
done

echo "bench-outbox: building the benchmark (release)" >&2
cargo bench --locked --no-run -p switchboard-core --bench outbox >&2
cargo bench --locked -q -p switchboard-core --bench outbox -- "$@"

echo
echo "The release build; $(nproc) cores shared by server, client and sender;" \
  "$(. /etc/os-release && echo "$PRETTY_NAME"); $(date -u +%Y-%m-%d)."
