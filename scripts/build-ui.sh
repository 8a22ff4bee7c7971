#!/usr/bin/env bash
# Builds the UI into ui/dist, rewriting only the files whose content changed. The app embeds ui/dist, and
# cargo rebuilds the app whenever a file there is newer than the last build: a plain `vite build` rewrites
# every file, so running the app after the tests (which built the same UI) would compile the app again.
# The UI's typecheck is not repeated here: the test command runs it as its own step.
set -euo pipefail
cd "$(dirname "$0")/../ui"

stage=$(mktemp -d -t switchboard-ui-XXXXXX)
trap 'rm -rf "$stage"' EXIT
npx vite build --outDir "$stage" --emptyOutDir --logLevel warn

mkdir -p dist
(cd "$stage" && find . -type f) | while IFS= read -r file; do
  if ! cmp -s "$stage/$file" "dist/$file"; then
    mkdir -p "dist/$(dirname "$file")"
    cp "$stage/$file" "dist/$file"
  fi
done
# Files of an earlier build that this one no longer makes (hashed asset names).
(cd dist && find . -type f) | while IFS= read -r file; do
  [ -e "$stage/$file" ] || rm -f "dist/$file"
done
find dist -mindepth 1 -type d -empty -delete
