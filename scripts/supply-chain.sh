#!/usr/bin/env bash
# Supply-chain checks (README, "Supply chain"): `scripts/supply-chain.sh [deny] [npm] [machete] [deb]`,
# all four when none is named.
#   deny     cargo-deny: RustSec advisories, licences, banned crates, sources (policy in deny.toml).
#   npm      npm audit of the UI's production dependencies.
#   machete  cargo-machete: dependencies no crate uses.
#   deb      the .deb's and .rpm's declared dependencies cover every shared library the app links.
# Exits non-zero on the first check that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

say() { printf '[supply-chain] %s\n' "$*"; }
fail() { printf '[supply-chain] FAILED: %s\n' "$*" >&2; exit 1; }

# cargo-deny reads its advisory database from a git repository in `advisories.db-path` (deny.toml), in a
# folder named after the database's URL. Our build machines can't reach that URL; they carry a snapshot of
# the database as plain files, which this lays out there as a one-commit repository — again only when the
# snapshot's content changed, so a second run costs a hash of ~1,200 small files.
ADVISORY_SNAPSHOT=${SWITCHBOARD_ADVISORY_SNAPSHOT:-../shared/advisory-db}
ADVISORY_DB_ROOT="$HOME/.cache/switchboard/advisory-dbs" # = advisories.db-path in deny.toml
ADVISORY_DB="$ADVISORY_DB_ROOT/advisory-db-3157b0e258782691" # cargo-deny 0.20's name for the RustSec URL

prepare_advisory_db() {
  local sum
  sum=$(cd "$ADVISORY_SNAPSHOT" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
  if [ -f "$ADVISORY_DB/.git/switchboard-snapshot-sha256" ] &&
    [ "$(cat "$ADVISORY_DB/.git/switchboard-snapshot-sha256")" = "$sum" ]; then
    return
  fi
  say "laying out the advisory snapshot as a git repository in $ADVISORY_DB"
  rm -rf "$ADVISORY_DB"
  mkdir -p "$ADVISORY_DB_ROOT"
  cp -R "$ADVISORY_SNAPSHOT" "$ADVISORY_DB"
  chmod -R u+w "$ADVISORY_DB" # the snapshot's files are read-only
  # The commit carries the date of the snapshot's newest advisory, so `git log` tells how old the data is.
  local newest
  newest=$(grep -rhoE '^date = "[0-9-]+"' "$ADVISORY_DB" | cut -d'"' -f2 | sort | tail -1)
  git -C "$ADVISORY_DB" init -q -b main
  git -C "$ADVISORY_DB" add -A
  GIT_AUTHOR_DATE="${newest}T00:00:00Z" GIT_COMMITTER_DATE="${newest}T00:00:00Z" \
    git -C "$ADVISORY_DB" -c user.name=switchboard -c user.email=switchboard@localhost \
    -c commit.gpgsign=false commit -q -m "RustSec advisory-db snapshot (newest advisory $newest)"
  echo "$sum" > "$ADVISORY_DB/.git/switchboard-snapshot-sha256"
}

check_deny() {
  command -v cargo-deny >/dev/null || fail "cargo-deny is missing: run scripts/setup.sh"
  # Crates in more than one version are a warning in deny.toml (Tauri's tree can't avoid them); here they
  # are one line instead of some 60 warnings: `cargo deny check bans` lists them.
  local flags=(--locked check --hide-inclusion-graph --allow duplicate)
  if [ -d "$ADVISORY_SNAPSHOT" ]; then
    # Offline, cargo-deny reads the crates' metadata from cargo's cache: fill it first on a new machine
    # (this stage runs before anything else has built).
    cargo fetch --locked --quiet
    prepare_advisory_db
    say "cargo deny (offline, advisories: $(git -C "$ADVISORY_DB" log -1 --format=%s))"
    # cargo-deny judges the database's age by when it was laid out (its HEAD file), not by the commit date.
    cargo deny --offline "${flags[@]}"
  else
    say "cargo deny (fetching the advisory database)"
    cargo deny "${flags[@]}"
  fi
  say "$(grep '^name = ' Cargo.lock | sort | uniq -d | wc -l) crates are in the tree in more than one version"
}

# npm audit asks the registry's audit endpoint (a POST) about the exact versions in package-lock.json. No
# offline copy of npm's advisories exists, so when that endpoint can't be reached this fails rather than
# pass unchecked — unless SWITCHBOARD_NPM_AUDIT_UNREACHABLE=warn, which turns only that case into a loud
# warning (README, "Supply chain", says why the test command sets it). Vulnerabilities always fail.
check_npm() {
  say "npm audit --omit=dev (ui/)"
  local report rc=0
  report=$(cd ui && npm audit --omit=dev --json 2>/dev/null) || rc=$?
  local verdict
  verdict=$(printf '%s' "$report" | node -e '
    let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
      let r; try { r = JSON.parse(s); } catch { console.log("unreachable:no JSON answer"); return; }
      if (r.error || r.statusCode || !r.metadata) {
        console.log(`unreachable:${r.message || r.error?.summary || "no audit report"}`); return;
      }
      const v = r.metadata.vulnerabilities;
      console.log(v.total === 0 ? `clean:${r.metadata.dependencies?.prod ?? "?"} production packages`
        : `vulnerable:${Object.entries(v).filter(([k, n]) => k !== "total" && n).map(([k, n]) => `${n} ${k}`).join(", ")}`);
    });')
  case "$verdict" in
    clean:*)
      say "npm audit: no known vulnerabilities (${verdict#clean:})"
      ;;
    vulnerable:*)
      (cd ui && npm audit --omit=dev) || true
      fail "npm audit: ${verdict#vulnerable:}"
      ;;
    *)
      local why="npm audit could not get an audit report from the registry (${verdict#unreachable:}; npm exit $rc): the UI's production dependencies were NOT checked for advisories"
      if [ "${SWITCHBOARD_NPM_AUDIT_UNREACHABLE:-fail}" = warn ]; then
        printf '[supply-chain] WARNING: %s\n' "$why" >&2
        unchecked+=("npm audit (endpoint unreachable)")
      else
        fail "$why"
      fi
      ;;
  esac
}

check_machete() {
  command -v cargo-machete >/dev/null || fail "cargo-machete is missing: run scripts/setup.sh"
  # Every workspace member (and what lies below it, such as the fuzz crate) except the crate cargo-hakari
  # generates: it depends on crates only to unify their features, so each of its dependencies is unused
  # by design. The members that depend on it list it in their own `ignored`.
  local dirs=() m manifests
  # Read first, so that a failing `cargo metadata` stops here (set -e does not see into a `for` list).
  manifests=$(cargo metadata --no-deps --offline --format-version 1 |
    node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () =>
      JSON.parse(s).packages.forEach(p => console.log(p.manifest_path)))')
  for m in $manifests; do
    grep -q 'generated by `cargo hakari`' "$m" || dirs+=("$(dirname "$m")")
  done
  say "cargo machete (${#dirs[@]} crates)"
  cargo machete "${dirs[@]}" || fail "unused dependencies (above): remove them, or list a false positive in that crate's [package.metadata.cargo-machete] ignored, with the reason"
}

# Every shared library the app's binary links (its ELF NEEDED entries) must come from a package the .deb
# depends on, and its soname must be among the .rpm's requirements. The debug build links exactly the
# libraries the release build does (same code, same features), so this needs no release build.
# tauri's CLI appends libwebkit2gtk-4.1-0 and libgtk-3-0 (deb), and the sonames libwebkit2gtk-4.1.so.0 and
# libgtk-3.so.0 (rpm), to what tauri.conf.json declares; the config declares the rest.
check_deb() {
  local bin="$CARGO_TARGET_DIR/debug/switchboard"
  [ -d ui/dist ] || (cd ui && npm run --silent build)
  # The test command's own build, to the letter: anything narrower (`-p switchboard`) unifies features
  # differently, so cargo would rebuild, and replace the binary the end-to-end tests drive.
  say "building the app (nothing to do after the test command's build stage)"
  cargo build --quiet --workspace --all-targets --features "$APP_FEATURES"
  say "the .deb's and .rpm's dependencies against the libraries $bin links"
  local declared
  declared=$(node -e '
    const b = require("./src-tauri/tauri.conf.json").bundle.linux ?? {};
    const names = l => (l ?? []).flatMap(d => d.split("|").map(a => a.replace(/\(.*\)/, "").trim()));
    console.log(["deb", "libwebkit2gtk-4.1-0", "libgtk-3-0", ...names(b.deb?.depends)].join(" "));
    console.log(["rpm", "libwebkit2gtk-4.1.so.0()(64bit)", "libgtk-3.so.0()(64bit)", ...(b.rpm?.depends ?? [])].join(" "));')
  local deb_declared=" $(sed -n 's/^deb //p' <<< "$declared") " rpm_declared=" $(sed -n 's/^rpm //p' <<< "$declared") "
  local missing=() lib path pkg
  for lib in $(objdump -p "$bin" | awk '$1 == "NEEDED" { print $2 }'); do
    path=$(ldd "$bin" | awk -v l="$lib" '$1 == l && $2 == "=>" { print $3 }')
    [ -n "$path" ] || path=$(ldd "$bin" | awk -v l="$lib" 'index($1, "/" l) { print $1 }') # the loader itself
    [ -n "$path" ] || fail "$lib: not found on this machine"
    pkg=$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null) ||
      fail "$lib ($path): no Debian package owns it"
    pkg=$(head -1 <<< "$pkg" | cut -d: -f1)
    [[ $deb_declared == *" $pkg "* ]] || missing+=("deb: $lib is in $pkg, which bundle.linux.deb.depends lacks")
    [[ $rpm_declared == *" $lib()(64bit) "* ]] || missing+=("rpm: bundle.linux.rpm.depends lacks $lib()(64bit)")
    printf '  %-32s %s\n' "$lib" "$pkg"
  done
  for p in $(sed -n 's/^deb //p' <<< "$declared"); do
    dpkg-query -W "$p" >/dev/null 2>&1 || missing+=("deb: declared $p is no package installed here")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    printf '  %s\n' "${missing[@]}" >&2
    fail "src-tauri/tauri.conf.json: the packages' dependencies miss libraries the app links"
  fi
  say "the .deb and .rpm declare every library the app links"
}

unchecked=()
checks=("$@")
[ ${#checks[@]} -gt 0 ] || checks=(deny npm machete deb)
for c in "${checks[@]}"; do
  case "$c" in
    deny | npm | machete | deb) "check_$c" ;;
    *) fail "unknown check '$c' (deny, npm, machete, deb)" ;;
  esac
done
say "passed: ${checks[*]}"
[ ${#unchecked[@]} -eq 0 ] || say "NOT CHECKED: ${unchecked[*]}"
