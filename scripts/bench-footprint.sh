#!/usr/bin/env bash
# The app's footprint: start-up time and memory on the local workspace, in the release build under Xvfb
# (a benchmark, not a test: it prints figures and asserts nothing about them; ./scripts/test.sh does not
# run it).
#
#   scripts/bench-footprint.sh [--runs N] [--members N] [--profiles N] [--soak-minutes M] [--settle-seconds S]
#
# Builds the UI, the release app (the UI embedded, as users get it), the release server (it seeds the local
# workspace's database before the first launch) and the floor — tests/floor, a bare Tauri window with an
# empty page built the same way — then runs tests/benches/footprint.rs inside a private Xvfb + D-Bus +
# keyring session (scripts/with-desktop-session.sh), holding /tmp/e2e.lock so no other WebDriver run (or
# WebKit window sharing its pages) is on the machine meanwhile. It measures:
#   - start, --runs times (3) each: cold (the page cache dropped first: `echo 3 > /proc/sys/vm/drop_caches`,
#     root only) and warm, from the spawn to the first frame painted with the Members rows;
#   - memory of the app and WebKit's web and network processes (PSS and RSS, /proc/<pid>/smaps_rollup):
#     idle on Members, after scrolling the --members (10,000) list to its end and opening --profiles (20)
#     profiles, and each minute of --soak-minutes (10) of navigation;
#   - the floor's memory, idle.
# It prints Markdown tables with the targets beside the figures. Anything that does not reach the expected
# state makes the run exit non-zero.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
# shellcheck source=/dev/null
source scripts/env.sh

args=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --runs|--members|--profiles|--soak-minutes|--settle-seconds) args+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-footprint: unknown argument $1" >&2; exit 2 ;;
  esac
done

target_dir=${CARGO_TARGET_DIR:-$repo/target}

scripts/setup.sh >&2
echo "bench-footprint: building the UI, the release app, server and floor, and the benchmark" >&2
(cd ui && npm run --silent build >&2)
# One invocation, so the floor's Tauri is the app's (the same features, unified) and nothing of the app's
# build changes because the floor is in it.
cargo build --release --locked -p switchboard --features "$APP_FEATURES" -p switchboard-server \
  -p switchboard-floor --features switchboard-floor/custom-protocol >&2
cargo bench --locked --no-run -p switchboard-e2e --bench footprint >&2

echo "bench-footprint: measuring (load before: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
flock /tmp/e2e.lock scripts/with-desktop-session.sh env \
  SWITCHBOARD_APP="$target_dir/release/switchboard" \
  SWITCHBOARD_SERVER_BIN="$target_dir/release/switchboard-server" \
  SWITCHBOARD_FLOOR_APP="$target_dir/release/switchboard-floor" \
  cargo bench --locked -q -p switchboard-e2e --bench footprint -- "${args[@]}"

webkit=$(dpkg-query -W -f '${Version}' libwebkit2gtk-4.1-0 2>/dev/null || echo unknown)
echo
echo "The release app on its local workspace; $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM;" \
  "$(. /etc/os-release && echo "$PRETTY_NAME"), WebKitGTK $webkit, Xvfb; load after: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%d)."
