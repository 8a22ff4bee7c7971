#!/usr/bin/env bash
# `cargo check` of the app's crates for Windows and macOS from this machine, so code that only compiles on
# Linux is caught before a release machine finds it. A target whose Rust standard library, C cross
# compiler or SDK is missing here is SKIPPED with the reason — never counted as passed; `--strict` makes a
# skip a failure (for a machine that is meant to have every toolchain).
#
#   scripts/check-targets.sh [--strict] [--tests] [TRIPLE...]
#
# Default triples: x86_64-pc-windows-gnu x86_64-pc-windows-msvc x86_64-apple-darwin aarch64-apple-darwin.
# `--tests` also checks the unit and integration tests of switchboard-api, -core and -server for each one.
# What each needs (the build scripts compile C: SQLite, ring/aws-lc, libjpeg-turbo with cmake + nasm):
#   *-windows-gnu  rustup's std and MinGW-w64 (Debian: gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64; its
#                  windres embeds the icon), cmake, nasm
#   *-windows-msvc a Windows host (cl.exe, link.exe and the Windows SDK come with Visual Studio's Build Tools)
#   *-apple-darwin a macOS host (Xcode's clang and the macOS SDK), or an osxcross SDK: SDKROOT set to it
#                  and its clang (x86_64-apple-darwinNN-clang, arm64-…) on PATH as CC_<triple>
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

strict=0
tests=0
triples=()
for arg in "$@"; do
  case $arg in
    --strict) strict=1 ;;
    --tests) tests=1 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "unknown option: $arg" >&2; exit 2 ;;
    *) triples+=("$arg") ;;
  esac
done
[ ${#triples[@]} -gt 0 ] || triples=(x86_64-pc-windows-gnu x86_64-pc-windows-msvc x86_64-apple-darwin aarch64-apple-darwin)

host_os=$(uname -s)
# The app embeds ui/dist (custom-protocol, as in every other build here): build it once if it's missing.
if [ ! -f ui/dist/index.html ]; then
  (cd ui && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npx vite build)
fi

# Prints why `triple` can't be checked on this machine, or nothing when it can.
missing() {
  local triple=$1
  if ! rustup target list --installed 2>/dev/null | grep -qx "$triple"; then
    rustup target add "$triple" >/dev/null 2>&1 ||
      { echo "rustup can't install the $triple standard library here"; return; }
  fi
  case $triple in
    *-pc-windows-gnu)
      command -v x86_64-w64-mingw32-gcc >/dev/null ||
        { echo "no MinGW-w64 C compiler (x86_64-w64-mingw32-gcc; Debian: apt-get install gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64)"; return; }
      ;;
    *-pc-windows-msvc)
      case $host_os in
        MINGW*|MSYS*|CYGWIN*|Windows_NT) ;;
        *) echo "needs a Windows host: the C code its build scripts compile needs MSVC's cl.exe and the Windows SDK headers, which don't exist for $host_os"; return ;;
      esac
      ;;
    *-apple-darwin)
      if [ "$host_os" != Darwin ]; then
        local cc_var="CC_${triple//-/_}"
        if [ -z "${SDKROOT:-}" ] || [ -z "${!cc_var:-}" ]; then
          echo "no macOS SDK: the C code its build scripts compile (SQLite, ring/aws-lc, libjpeg-turbo) and the objc2/WebKit crates need Apple's SDK and a clang for $triple (SDKROOT and $cc_var unset)"
          return
        fi
      fi
      ;;
  esac
  local tool
  for tool in cmake nasm; do
    command -v "$tool" >/dev/null || { echo "no $tool on PATH (libjpeg-turbo's build needs it)"; return; }
  done
}

checked=() failed=() skipped=()
for triple in "${triples[@]}"; do
  printf '\n==> %s\n' "$triple"
  reason=$(missing "$triple")
  if [ -n "$reason" ]; then
    echo "SKIPPED $triple: $reason"
    skipped+=("$triple: $reason")
    continue
  fi
  start=$SECONDS
  args=(-p switchboard-api -p switchboard-core -p switchboard-server -p switchboard --features "$APP_FEATURES")
  ok=1
  cargo check --target "$triple" "${args[@]}" || ok=0
  if [ $ok = 1 ] && [ $tests = 1 ]; then
    cargo check --target "$triple" -p switchboard-api -p switchboard-core -p switchboard-server --tests || ok=0
  fi
  if [ $ok = 1 ]; then
    checked+=("$triple ($((SECONDS - start)) s)")
  else
    failed+=("$triple")
  fi
done

printf '\nTarget checks:\n'
for line in ${checked[@]+"${checked[@]}"}; do echo "  checked  $line"; done
for line in ${failed[@]+"${failed[@]}"}; do echo "  FAILED   $line"; done
for line in ${skipped[@]+"${skipped[@]}"}; do echo "  SKIPPED  $line"; done
if [ ${#failed[@]} -gt 0 ]; then exit 1; fi
if [ ${#checked[@]} -eq 0 ]; then
  echo "No target could be checked on this machine." >&2
  exit 1
fi
if [ $strict = 1 ] && [ ${#skipped[@]} -gt 0 ]; then exit 1; fi
