#!/usr/bin/env bash
# Runs a command inside a private, headless desktop session: its own Xvfb display, its own D-Bus session bus
# and an unlocked gnome-keyring providing the Secret Service — everything the app and its end-to-end tests
# need. Everything started here stops when the command ends, and the command's exit code is returned.
#   scripts/with-desktop-session.sh cargo test …
set -euo pipefail

work=$(mktemp -d -t switchboard-session-XXXXXX)
xvfb_pid=""
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# Xvfb picks a free display number itself and writes it to the file descriptor we give it.
Xvfb -displayfd 9 -screen 0 1400x900x24 -nolisten tcp -noreset 9>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { echo "Xvfb did not start:" >&2; cat "$work/xvfb.log" >&2; exit 1; }
export DISPLAY=":$(cat "$work/display")"

# The keyring's files live in this session's own data dir, never in the user's real keyrings.
mkdir -p "$work/data"
export SWITCHBOARD_SESSION_DIR="$work"
export WEBKIT_DISABLE_DMABUF_RENDERER=1
export NO_AT_BRIDGE=1
dbus-run-session -- bash -c '
  set -e
  export XDG_DATA_HOME="$SWITCHBOARD_SESSION_DIR/data"
  # A fresh login keyring, created and unlocked with a throwaway password.
  printf %s "switchboard-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  unset XDG_DATA_HOME
  exec "$@"
' session "$@"
