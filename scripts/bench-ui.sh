#!/usr/bin/env bash
# The Members list benchmark in the real app (a benchmark, not a test: it prints figures and asserts nothing
# about speed; ./scripts/test.sh does not run it).
#
#   scripts/bench-ui.sh [--members N] [--runs N] [--query CHAR] [--dev]
#
# Builds the UI, the release app (with the UI embedded, as users get it) and the release server, seeds a
# fresh SQLite database with a team of --members generated members (10,000 by default), serves it on a free
# port, and runs the benchmark tests/benches/members_list.rs inside a private Xvfb + D-Bus + keyring
# session (scripts/with-desktop-session.sh). The benchmark signs the app in to that server, then --runs
# times (5 by default) launches the app afresh and measures, in the page's own clock, from a real click or
# keystroke (WebDriver) to the first frame painted with the rows:
#   - Admin on Home → the Members page (skeleton rows) and → the first member rows (nothing cached), and
#     again later (list cached);
#   - one keystroke (--query, "v" by default) in search → the loaded rows filtered, and → the server's
#     matches shown;
#   - a click on the Name column header → the rows in the new order.
# It prints a Markdown table (median and max per step, and the targets), how much of each step came before
# the DOM held the rows and how much was layout and paint, and the round trip of the list's first read
# alone. The release build takes about 25 minutes from cold on 2 cores (minutes when warm); --dev
# measures the dev build the end-to-end tests use (dependencies optimised, the app itself not) instead.
# Anything that does not reach the expected state makes the run exit non-zero.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
# shellcheck source=/dev/null
source scripts/env.sh
# shellcheck source=scripts/lib/server.sh
source scripts/lib/server.sh
members=10000
runs=5
query=v
profile=release

while [ "$#" -gt 0 ]; do
  case "$1" in
    --members) members=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --query) query=$2; shift 2 ;;
    --dev) profile=debug; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-ui: unknown argument $1" >&2; exit 2 ;;
  esac
done

target_dir=${CARGO_TARGET_DIR:-$repo/target}
owner_email="owner@bench.example"
owner_password="bench-owner-password"

scripts/setup.sh >&2
echo "bench-ui: building the UI, the $profile app and server, and the benchmark" >&2
(cd ui && npm run --silent build >&2)
if [ "$profile" = release ]; then
  cargo build --release --locked -p switchboard --features "$APP_FEATURES" -p switchboard-server >&2
else
  cargo build --locked -p switchboard --features "$APP_FEATURES" -p switchboard-server >&2
fi
cargo bench --locked --no-run -p switchboard-e2e --bench members_list >&2

work=$(mktemp -d -t switchboard-bench-ui.XXXXXX)
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

server="$target_dir/$profile/switchboard-server"
url="sqlite://$work/bench.db?mode=rwc"
echo "bench-ui: seeding $members members" >&2
"$server" seed --database-url "$url" --owner-email "$owner_email" --owner-password "$owner_password" \
  --members "$members" >"$work/seed.log" 2>&1 || { cat "$work/seed.log" >&2; exit 1; }

SWITCHBOARD_LOG=${SWITCHBOARD_LOG:-warn} \
  "$server" serve --database-url "$url" --listen 127.0.0.1:0 >"$work/server.log" 2>&1 &
server_pid=$!
addr=$(server_address "$work/server.log" "$server_pid" bench-ui) || exit 1

echo "bench-ui: measuring ($runs runs)" >&2
scripts/with-desktop-session.sh env \
  SWITCHBOARD_APP="$target_dir/$profile/switchboard" \
  SWITCHBOARD_BENCH_URL="http://$addr" \
  SWITCHBOARD_BENCH_EMAIL="$owner_email" \
  SWITCHBOARD_BENCH_PASSWORD="$owner_password" \
  cargo bench --locked -q -p switchboard-e2e --bench members_list -- --runs "$runs" --query "$query"

webkit=$(dpkg-query -W -f '${Version}' libwebkit2gtk-4.1-0 2>/dev/null || echo unknown)
echo
echo "The $profile app on a SQLite server on the same machine; $(nproc) cores shared by app, server and" \
  "Xvfb; $(. /etc/os-release && echo "$PRETTY_NAME"), WebKitGTK $webkit, Xvfb; $(date -u +%Y-%m-%d)."
