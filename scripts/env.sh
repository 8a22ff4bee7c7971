# Sourced by the scripts: the shared cargo target dir outside the clone, so a fresh clone reuses earlier
# builds on the same machine (CI clones afresh for every run).
if [ -z "${CARGO_TARGET_DIR:-}" ]; then
  if mkdir -p /var/cache/switchboard/target 2>/dev/null && [ -w /var/cache/switchboard/target ]; then
    export CARGO_TARGET_DIR=/var/cache/switchboard/target
  else
    export CARGO_TARGET_DIR="$PWD/target"
  fi
fi
export PATH="$HOME/.cargo/bin:$PATH"
# Both the tests and `run` use this one build: a dev profile (dependencies at opt-level 2) with the UI
# embedded, so the end-to-end tests drive exactly the binary that was built once.
APP_FEATURES="switchboard/custom-protocol"
