#!/usr/bin/env bash
# The server benchmark (a benchmark, not a test: it prints figures and asserts nothing about speed).
#
#   scripts/bench-server.sh [--duration SECONDS] [--connections N] [--threads N] [--members N]
#                           [--backends "sqlite postgres"]
#
# Builds the release server, and for each backend seeds a fresh database with a team of --members
# generated members (10,000 by default), serves it on a free port and drives three loads with wrk
# (Debian's package, installed when missing):
#   - GET /v1/members?sort=name&limit=50  (first page of the member list, in its default order)
#   - GET /v1/members?q=...&limit=50      (search)
#   - POST /v1/invitations                (keyed: every request its own Idempotency-Key and email, made by
#                                          a wrk Lua script, see scripts/bench/post-invitations.lua)
# and prints requests/s and p50/p99 latency as a Markdown table. Then it walks every page of the member
# list sorted by name, one request after another as a client reading the whole team would, at limit=50
# and at limit=200 (once to warm up, once timed), checks that the walk saw every member once, in order,
# and as many as `total` says, and prints the time of the walk as a second table. The PostgreSQL half
# runs under scripts/with-postgres.sh. Any non-2xx response or socket error makes the run exit non-zero,
# so a figure never hides failed requests.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
# The project's shared build settings (the cargo target dir outside the clone), as the other scripts use.
# shellcheck source=/dev/null
[ -f scripts/env.sh ] && source scripts/env.sh
# shellcheck source=scripts/lib/server.sh
source scripts/lib/server.sh
duration=15
connections=32
threads=2
members=10000
backends="sqlite postgres"
query=${BENCH_QUERY:-park}
internal_backend=""
results_file=""

while [ "$#" -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --members) members=$2; shift 2 ;;
    --backends) backends=$2; shift 2 ;;
    --query) query=$2; shift 2 ;;
    # Used when this script re-runs itself under with-postgres.sh.
    --internal-backend) internal_backend=$2; shift 2 ;;
    --internal-results) results_file=$2; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-server: unknown argument $1" >&2; exit 2 ;;
  esac
done

target_dir=${CARGO_TARGET_DIR:-$repo/target}
bin="$target_dir/release/switchboard-server"
owner_email="owner@bench.example"
owner_password="bench-owner-password"

# Runs one backend: seed, serve, three loads; appends rows to $results_file.
# A subshell, so its EXIT trap stops the server and removes the files whatever happens.
run_backend() (
  set -euo pipefail
  backend=$1
  work=$(mktemp -d -t switchboard-bench.XXXXXX)
  server_pid=""
  trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

  case "$backend" in
    sqlite) url="sqlite://$work/bench.db?mode=rwc" ;;
    postgres)
      : "${SWITCHBOARD_TEST_POSTGRES_URL:?the PostgreSQL half runs under scripts/with-postgres.sh}"
      url=$SWITCHBOARD_TEST_POSTGRES_URL ;;
    *) echo "bench-server: unknown backend $backend" >&2; exit 2 ;;
  esac

  echo "bench-server: [$backend] seeding $members members" >&2
  t0=$(date +%s.%N)
  "$bin" seed --database-url "$url" --owner-email "$owner_email" --owner-password "$owner_password" \
    --members "$members" >"$work/seed.log" 2>&1 || { cat "$work/seed.log" >&2; exit 1; }
  t1=$(date +%s.%N)
  echo "bench-server: [$backend] seeded in $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s" >&2

  # The benchmark measures throughput, not the per-token rate limiter.
  SWITCHBOARD_RATE_LIMIT_PER_MINUTE=${SWITCHBOARD_RATE_LIMIT_PER_MINUTE:-0} \
  SWITCHBOARD_LOG=${SWITCHBOARD_LOG:-warn} \
    "$bin" serve --database-url "$url" --listen 127.0.0.1:0 >"$work/server.log" 2>&1 &
  server_pid=$!
  addr=$(server_address "$work/server.log" "$server_pid" bench-server) || exit 1
  base="http://$addr"

  token=$(curl -sfS -X POST "$base/v1/auth/sessions" -H 'content-type: application/json' \
    -d "{\"email\":\"$owner_email\",\"password\":\"$owner_password\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')

  # Sanity: the search must find something, or it would measure an empty result.
  hits=$(curl -sfS "$base/v1/members?q=$query&limit=50" -H "authorization: Bearer $token" |
    python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]))')
  echo "bench-server: [$backend] q=$query returns $hits members on the first page" >&2

  for load in list search invite; do
    case "$load" in
      list) path="/v1/members?sort=name&limit=50"; script=get.lua ;;
      search) path="/v1/members?q=$query&limit=50"; script=get.lua ;;
      invite) path="/v1/invitations"; script=post-invitations.lua ;;
    esac
    if [ "$load" != invite ]; then
      # Warm caches and connections; not measured.
      BENCH_SCRIPTS="$repo/scripts/bench" BENCH_PATH=$path BENCH_TOKEN=$token \
        wrk -t "$threads" -c "$connections" -d 2s -s "$repo/scripts/bench/$script" "$base" >/dev/null
    fi
    out=$(BENCH_SCRIPTS="$repo/scripts/bench" BENCH_PATH=$path BENCH_TOKEN=$token BENCH_RUN="$backend-$$" \
      wrk -t "$threads" -c "$connections" -d "${duration}s" --timeout 10s \
      -s "$repo/scripts/bench/$script" "$base")
    echo "$out" >&2
    line=$(echo "$out" | grep '^WRK_RESULT') || { echo "bench-server: no result from wrk" >&2; exit 1; }
    printf '%s\t%s\t%s\t%s\n' "$backend" "$load" "$path" "$line" >>"$results_file"
    if [ "$load" = invite ]; then
      # Every answered POST must have made exactly one invitation: count them back through the API
      # (wrk does not count requests still in flight when it stops, so up to one per connection more).
      answered=$(echo "$line" | sed 's/.*requests=\([0-9]*\).*/\1/')
      made=$(BASE=$base TOKEN=$token Q="bench-$backend-$$-" python3 -c '
import json, os, urllib.parse, urllib.request
base, token, q = os.environ["BASE"], os.environ["TOKEN"], os.environ["Q"]
count, cursor = 0, None
while True:
    query = {"q": q, "limit": "200", **({"cursor": cursor} if cursor else {})}
    req = urllib.request.Request(base + "/v1/invitations?" + urllib.parse.urlencode(query),
                                 headers={"Authorization": "Bearer " + token})
    page = json.load(urllib.request.urlopen(req))
    count += len(page["data"])
    cursor = page.get("next_cursor")
    if not cursor:
        break
print(count)')
      echo "bench-server: [$backend] $answered keyed POSTs answered, $made invitations made" >&2
      if [ "$made" -lt "$answered" ] || [ "$made" -gt $((answered + connections)) ]; then
        echo "bench-server: [$backend] invitation count does not match the POSTs" >&2
        exit 1
      fi
    fi
  done

  for limit in 50 200; do
    line=$(BASE=$base TOKEN=$token LIMIT=$limit python3 -c '
import json, os, sys, time, urllib.parse, urllib.request
base, token, limit = os.environ["BASE"], os.environ["TOKEN"], os.environ["LIMIT"]

def walk():
    seen, cursor, pages, totals = [], None, 0, set()
    while True:
        query = {"sort": "name", "limit": limit, **({"cursor": cursor} if cursor else {})}
        req = urllib.request.Request(base + "/v1/members?" + urllib.parse.urlencode(query),
                                     headers={"Authorization": "Bearer " + token})
        page = json.load(urllib.request.urlopen(req))
        # The sort key: the name without ASCII case, in byte order (bytes.lower() folds ASCII only).
        seen.extend((m["name"].encode().lower(), m["id"]) for m in page["data"])
        if cursor is None:
            totals.add(page["total"])  # only the first page counts
        pages += 1
        cursor = page.get("next_cursor")
        if not cursor:
            return seen, pages, totals

walk()
start = time.perf_counter()
seen, pages, totals = walk()
seconds = time.perf_counter() - start
ids = [i for _, i in seen]
if len(set(ids)) != len(ids) or totals != {len(ids)} or seen != sorted(seen):
    sys.exit(f"the walk is wrong: {len(ids)} rows, {len(set(ids))} distinct, totals {totals}, "
             f"in order: {seen == sorted(seen)}")
print(f"WALK_RESULT members={len(ids)} pages={pages} seconds={seconds:.3f}")') ||
      { echo "bench-server: [$backend] the walk at limit=$limit failed" >&2; exit 1; }
    echo "bench-server: [$backend] limit=$limit $line" >&2
    printf '%s\t%s\t%s\t%s\n' "$backend" walk "/v1/members?sort=name&limit=$limit" "$line" >>"$results_file"
  done
)

if [ -n "$internal_backend" ]; then
  run_backend "$internal_backend"
  exit $?
fi

command -v wrk >/dev/null || {
  echo "bench-server: installing wrk" >&2
  apt-get install -y --no-install-recommends wrk >&2 ||
    { apt-get update -qq && apt-get install -y --no-install-recommends wrk >&2; }
}
command -v bc >/dev/null || apt-get install -y --no-install-recommends bc >&2

echo "bench-server: building the release server" >&2
(cd "$repo" && cargo build --release --locked -p switchboard-server --bin switchboard-server >&2)

results_file=$(mktemp -t switchboard-bench-results.XXXXXX)
trap 'rm -f "$results_file"' EXIT
for backend in $backends; do
  case "$backend" in
    sqlite) run_backend sqlite ;;
    postgres)
      "$repo/scripts/with-postgres.sh" "$0" --members "$members" --duration "$duration" \
        --connections "$connections" --threads "$threads" --query "$query" \
        --internal-backend postgres --internal-results "$results_file" ;;
    *) echo "bench-server: unknown backend $backend" >&2; exit 2 ;;
  esac
done

echo
echo "Members: $members; wrk $threads threads, $connections connections, ${duration} s per load;" \
  "$(nproc) cores shared by server, database and wrk; $(date -u +%Y-%m-%d)."
echo
echo "| backend | load | requests | req/s | p50 ms | p99 ms | non-2xx | socket errors |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
failed=0
while IFS=$'\t' read -r backend load path line; do
  [ "$load" = walk ] && continue
  eval "$(echo "$line" | sed 's/^WRK_RESULT //; s/ /; /g')"
  # shellcheck disable=SC2154 # set by the eval above
  printf '| %s | `%s %s` | %d | %.0f | %.2f | %.2f | %d | %d |\n' "$backend" \
    "$([ "$load" = invite ] && echo POST || echo GET)" "$path" "$requests" \
    "$(echo "$requests * 1000000 / $duration_us" | bc -l)" \
    "$(echo "$p50_us / 1000" | bc -l)" "$(echo "$p99_us / 1000" | bc -l)" "$non2xx" "$socket_errors"
  if [ "$non2xx" -ne 0 ] || [ "$socket_errors" -ne 0 ]; then failed=1; fi
done <"$results_file"
echo
echo "Every page of the member list sorted by name, one request after another (after a warm-up walk):"
echo
echo "| backend | walk | members | pages | seconds | ms per page |"
echo "|---|---|---:|---:|---:|---:|"
while IFS=$'\t' read -r backend load path line; do
  [ "$load" = walk ] || continue
  eval "$(echo "$line" | sed 's/^WALK_RESULT //; s/ /; /g')"
  # shellcheck disable=SC2154 # set by the eval above
  printf '| %s | `GET %s` | %d | %d | %.2f | %.1f |\n' "$backend" "$path" "$members" "$pages" "$seconds" \
    "$(echo "$seconds * 1000 / $pages" | bc -l)"
done <"$results_file"
if [ "$failed" -ne 0 ]; then
  echo "bench-server: some requests failed (non-2xx or socket errors): the figures above are not valid" >&2
  exit 1
fi
