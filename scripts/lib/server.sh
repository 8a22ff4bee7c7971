# Sourced by the scripts that start `switchboard-server serve --listen 127.0.0.1:0` in the background.

# server_address LOG PID WHO: waits up to 30 s for the server writing LOG (process PID) to say where it
# listens, and prints that host:port. If the server exits or never says, prints its log and WHO's reason to
# stderr and exits the calling (sub)shell.
server_address() {
  local log=$1 pid=$2 who=$3 addr=""
  for _ in $(seq 1 300); do
    addr=$(sed -n 's|.*listening on http://\([0-9.:]*\).*|\1|p' "$log" | head -n1)
    [ -n "$addr" ] && { echo "$addr"; return 0; }
    kill -0 "$pid" 2>/dev/null || { echo "$who: the server exited" >&2; cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  echo "$who: the server did not start" >&2
  cat "$log" >&2
  exit 1
}
