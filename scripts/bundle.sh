#!/usr/bin/env bash
# Builds the release app and packages it as a .deb and an .rpm (install with `apt install ./Switchboard_….deb`).
# AppImage, .msi and .dmg need a release machine with internet access (see README, "Packaging").
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh
# The tauri CLI must run from the repository root; it runs the UI build itself (beforeBuildCommand).
ui/node_modules/.bin/tauri build --bundles deb,rpm "$@"
echo "Packages:"
ls -1 "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb "$CARGO_TARGET_DIR"/release/bundle/rpm/*.rpm
