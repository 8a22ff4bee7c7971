#!/usr/bin/env bash
# The one command that runs every test (README; `.ci/run` calls exactly this). Installs what is missing,
# then: formatting, the supply-chain checks, clippy, the UI's typecheck + lint + unit tests, the whole
# Rust test suite on SQLite and on a real PostgreSQL (started here), the end-to-end tests of the real app
# under Xvfb through WebDriver with a real gnome-keyring, schemathesis against the server, and
# scim2-tester against its SCIM endpoint on SQLite and PostgreSQL. Prints the time of each stage and exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

mkdir -p artifacts
timings=artifacts/timings.txt
: > "$timings"
stage() {
  local name=$1; shift
  local start=$SECONDS
  printf '\n==> %s\n' "$name"
  "$@"
  printf '%-14s %4ss\n' "$name" "$((SECONDS - start))" | tee -a "$timings"
}

stage setup      scripts/setup.sh
stage fmt        cargo fmt --all --check
stage shared-build scripts/check-shared-build.sh
# Advisories, licences, bans, sources, npm audit, unused dependencies (scripts/supply-chain.sh; README,
# "Supply chain" says why an unreachable npm audit endpoint warns here instead of failing).
stage supply-chain env SWITCHBOARD_NPM_AUDIT_UNREACHABLE=warn scripts/supply-chain.sh deny npm machete
stage ui         bash -c 'cd ui && npm run --silent typecheck && npm run --silent lint && npm run --silent test && ../scripts/build-ui.sh'
stage clippy     cargo clippy --workspace --all-targets --features "$APP_FEATURES" -- -D warnings
stage build      cargo build --workspace --all-targets --features "$APP_FEATURES"
# The .deb's and .rpm's declared dependencies against the libraries the binary just built links.
stage deb-depends scripts/supply-chain.sh deb
# Every Rust test, including the end-to-end suite (SWITCHBOARD_E2E=1), the real-keyring tests
# (SWITCHBOARD_KEYRING_TESTS=1), the PostgreSQL half of the server's suites
# (SWITCHBOARD_REQUIRE_POSTGRES=1 makes a missing database a failure, not a skip) and the delivery of an
# invitation email to a local SMTP server (SWITCHBOARD_REQUIRE_SMTP=1: aiosmtpd, from setup).
stage tests      scripts/with-postgres.sh scripts/with-desktop-session.sh \
                   env SWITCHBOARD_E2E=1 SWITCHBOARD_KEYRING_TESTS=1 SWITCHBOARD_REQUIRE_POSTGRES=1 \
                   SWITCHBOARD_REQUIRE_SMTP=1 \
                   cargo test --workspace --features "$APP_FEATURES" --no-fail-fast
# Against the server binary built above (no second build).
stage schemathesis env SWITCHBOARD_SERVER_BIN="$CARGO_TARGET_DIR/debug/switchboard-server" scripts/schemathesis.sh
# SCIM conformance on both databases (a PostgreSQL of its own), with the same binary.
stage scim-tester  scripts/with-postgres.sh env SWITCHBOARD_REQUIRE_POSTGRES=1 \
                     SWITCHBOARD_SERVER_BIN="$CARGO_TARGET_DIR/debug/switchboard-server" scripts/scim-tester.sh

printf '\nAll tests passed. Stage times:\n'
cat "$timings"
