#!/usr/bin/env bash
# Search latency at scale: COUNT synthetic crates (see bench/search.py), on SQLite and, when
# WHARF_TEST_DATABASE_URL is set, on PostgreSQL (in a database of its own, dropped afterwards).
#
#   bash bench/search.sh [COUNT]            (default 200000)
#
# Knobs (environment): ROUNDS (30: times each query is sent), SKIP_BUILD (1 = use the existing
# release binary), WHARF (a binary to measure instead, e.g. an older release for comparison).
# Prints, per database, the time to load the crates and the p50/p99 of each kind of query.
set -euo pipefail
# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
export WHARF_DETONATE="${WHARF_DETONATE:-off}"
COUNT="${1:-200000}"
ROUNDS="${ROUNDS:-30}"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -z "${WHARF:-}" ]; then
  [ "${SKIP_BUILD:-0}" = 1 ] || (cd "$ROOT" && cargo build --release -p wharf)
  WHARF="$ROOT/target/release/wharf"
fi
WORK=$(mktemp -d)
SERVER=""
PG_DB=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  [ -n "$PG_DB" ] && psql -q "${WHARF_TEST_DATABASE_URL%/*}/postgres" -c "DROP DATABASE IF EXISTS $PG_DB" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

run() {
  local label=$1 url=$2
  local data="$WORK/$label"
  mkdir -p "$data"
  printf 'api_requests_per_second = 100000\napi_burst = 100000\ndump_interval_hours = 0\n' >"$data/wharf.toml"
  "$WHARF" --config "$data/wharf.toml" --data-dir "$data" --database-url "$url" migrate >/dev/null
  echo "== $label: $COUNT crates"
  python3 "$ROOT/bench/search.py" populate --database-url "$url" --count "$COUNT"
  "$WHARF" --config "$data/wharf.toml" --data-dir "$data" --database-url "$url" serve \
    --listen 127.0.0.1:0 >"$data/out" 2>"$data/err" &
  SERVER=$!
  local started=$SECONDS
  for _ in $(seq 6000); do
    grep -q listening "$data/out" 2>/dev/null && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$data/err" >&2; exit 1; }
    sleep 0.1
  done
  echo "   server started in $((SECONDS - started)) s"
  local address
  address=$(grep -o 'http://127.0.0.1:[0-9]*' "$data/out" | head -n1)
  python3 "$ROOT/bench/search.py" measure --url "$address" --count "$COUNT" --rounds "$ROUNDS"
  echo "   server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER/status) / 1024 )) MB"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
}

run sqlite "sqlite://$WORK/sqlite/wharf.db"
if [ -n "${WHARF_TEST_DATABASE_URL:-}" ]; then
  PG_DB="wharf_search_bench_$$"
  psql -q "${WHARF_TEST_DATABASE_URL%/*}/postgres" -c "CREATE DATABASE $PG_DB"
  run postgres "${WHARF_TEST_DATABASE_URL%/*}/$PG_DB"
fi
