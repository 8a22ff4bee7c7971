#!/usr/bin/env bash
# The photo pipeline benchmark (a benchmark, not a test: it prints figures and asserts nothing about speed;
# ./scripts/test.sh does not run it).
#
#   scripts/bench-photo.sh [--runs N] [--dir DIR]
#
# Builds crates/switchboard-core/benches/photo.rs in release and runs it: the crop dialog's preview and the
# 512 avatar made by the photo pipeline and by vipsthumbnail from the same generated files — a photo-like
# 6000×4000 JPEG, the same with EXIF orientation 6, and a 4000×3000 PNG (written to --dir, by default
# $TMPDIR/switchboard-photo-bench, once) — each job --runs times (7 by default) in a fresh process. It prints
# median milliseconds and peak resident megabytes as a Markdown table. Installs vipsthumbnail (Debian's
# libvips-tools) and GNU time if they are missing.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
# shellcheck source=/dev/null
source scripts/env.sh

for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  esac
done

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v vipsthumbnail >/dev/null || [ ! -x /usr/bin/time ]; then
  echo "bench-photo: installing libvips-tools and time (the comparison and the memory figures)" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libvips-tools time
fi

echo "bench-photo: building the benchmark (release)" >&2
cargo bench --locked --no-run -p switchboard-core --bench photo >&2
cargo bench --locked -q -p switchboard-core --bench photo -- "$@"

echo
echo "The release build; $(nproc) cores; $(vipsthumbnail --vips-version 2>/dev/null | head -1);" \
  "$(. /etc/os-release && echo "$PRETTY_NAME"); $(date -u +%Y-%m-%d)."
