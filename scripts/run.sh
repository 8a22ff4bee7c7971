#!/usr/bin/env bash
# The one command that runs the app: installs what is missing, builds the UI and the app, and starts
# Switchboard. It is the build the tests use: unchanged UI files keep their dates and `workspace-hack` gives
# every crate the test build's features, so after a test run nothing is compiled. With no workspace
# configured yet the app offers the local workspace, which runs the reference server inside the app.
# On a machine without a display (a server, CI) it runs inside a private Xvfb + D-Bus + keyring session
# and saves a screenshot to artifacts/run.png after a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

scripts/setup.sh
scripts/build-ui.sh
cargo build -p switchboard --features "$APP_FEATURES"
app="$CARGO_TARGET_DIR/debug/switchboard"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$app" "$@"
fi
echo "No display found: running Switchboard under Xvfb; a screenshot goes to artifacts/run.png"
mkdir -p artifacts
exec scripts/with-desktop-session.sh bash -c '
  "$0" "$@" &
  app=$!
  sleep "${SWITCHBOARD_SCREENSHOT_AFTER:-8}"
  import -window root artifacts/run.png && echo "screenshot: artifacts/run.png"
  wait "$app"
' "$app" "$@"
