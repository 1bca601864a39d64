#!/usr/bin/env bash
# The scale run (issue #16): COUNT synthetic crates with VERSIONS versions each, on SQLite and,
# when WHARF_TEST_DATABASE_URL is set, on PostgreSQL (a database of its own, dropped afterwards).
#
#   bash bench/scale.sh [COUNT] [VERSIONS]        (default 200000 crates, 5 versions each)
#
# For each database: the time to write the rows (bench/scale.py populate), the time until the
# server listens (migrations, keyword back-fill, and the start-up repair that writes every index
# file), index GET / search / publish latency (bench/scale.py measure), the server's memory, and
# the disk used (data directory; PostgreSQL's database size). SKIP_BUILD=1 uses the existing
# release binary; WHARF=path measures another; ONLY=sqlite or ONLY=postgres runs one database.
#
# S3S_FS=path keeps `.crate` and index files in an S3 store instead of the data directory: the
# s3s-fs server (crates.io: `cargo install s3s-fs@0.14.1 --locked --features binary`) is started
# on 127.0.0.1 over a directory of its own, and the server gets `s3://wharf-scale/registry`; the
# objects are then counted in that directory, and the data directory should hold none.
set -euo pipefail
# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
export WHARF_DETONATE="${WHARF_DETONATE:-off}"
COUNT="${1:-200000}"
VERSIONS="${2:-5}"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -z "${WHARF:-}" ]; then
  [ "${SKIP_BUILD:-0}" = 1 ] || (cd "$ROOT" && cargo build --release -p wharf)
  WHARF="$ROOT/target/release/wharf"
fi
WORK=$(mktemp -d)
SERVER=""
S3_SERVER=""
PG_DB=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  [ -n "$S3_SERVER" ] && kill "$S3_SERVER" 2>/dev/null || true
  [ -n "$PG_DB" ] && psql -q "${WHARF_TEST_DATABASE_URL%/*}/postgres" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Starts s3s-fs over $WORK/s3-$1 with an empty bucket and points the server at it.
start_s3() {
  local root="$WORK/s3-$1" port
  mkdir -p "$root/wharf-scale"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$S3S_FS" --host 127.0.0.1 --port "$port" --access-key bench --secret-key bench-secret "$root" \
    >"$WORK/s3-$1.log" 2>&1 &
  S3_SERVER=$!
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  export WHARF_STORAGE_URL="s3://wharf-scale/registry" AWS_ENDPOINT_URL="http://127.0.0.1:$port"
  export AWS_ALLOW_HTTP=true AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret
  S3_ROOT="$root"
}

run() {
  local label=$1 url=$2
  local data="$WORK/$label"
  mkdir -p "$data"
  [ -n "${S3S_FS:-}" ] && start_s3 "$label"
  printf 'api_requests_per_second = 100000\napi_burst = 100000\ndump_interval_hours = 0\n' >"$data/wharf.toml"
  local wharf=("$WHARF" --config "$data/wharf.toml" --data-dir "$data" --database-url "$url")
  "${wharf[@]}" migrate >/dev/null
  echo "== $label: $COUNT crates x $VERSIONS versions"
  python3 "$ROOT/bench/scale.py" populate --database-url "$url" --count "$COUNT" --versions "$VERSIONS"
  "${wharf[@]}" user add bench --email bench@example.org >/dev/null 2>&1
  for action in publish-new publish-update; do
    "${wharf[@]}" admin rate-limit bench "$action" --burst 1000000 --period-seconds 1 >/dev/null 2>&1
  done
  local token
  token=$("${wharf[@]}" token new bench)
  local started=$SECONDS
  "${wharf[@]}" serve --listen 127.0.0.1:0 >"$data/out" 2>"$data/err" &
  SERVER=$!
  for _ in $(seq 36000); do
    grep -q listening "$data/out" 2>/dev/null && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$data/err" >&2; exit 1; }
    sleep 0.1
  done
  echo "   server listening after $((SECONDS - started)) s (every index file written)"
  if [ -n "${S3S_FS:-}" ]; then
    echo "   index files in the S3 store: $(find "$S3_ROOT/wharf-scale/registry/index" -type f | wc -l)"
    echo "   crate and index files in the data directory: $(find "$data" -type f \( -path '*/index/*' -o -name '*.crate' \) | wc -l)"
  else
    echo "   index files: $(find "$data/index" -type f | wc -l)"
  fi
  local address
  address=$(grep -o 'http://127.0.0.1:[0-9]*' "$data/out" | head -n1)
  python3 "$ROOT/bench/scale.py" measure --url "$address" --token "$token" --count "$COUNT"
  echo "   server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER/status) / 1024 )) MB"
  echo "   data directory: $(du -sm "$data" | cut -f1) MB"
  [ -n "${S3S_FS:-}" ] && echo "   S3 store: $(du -sm "$S3_ROOT" | cut -f1) MB"
  if [[ "$url" == postgres* ]]; then
    echo "   database: $(psql -q -A -t "$url" -c "SELECT pg_database_size(current_database()) / 1048576") MB"
  fi
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
  if [ -n "$S3_SERVER" ]; then kill "$S3_SERVER"; wait "$S3_SERVER" 2>/dev/null || true; S3_SERVER=""; fi
}

[ "${ONLY:-sqlite}" = sqlite ] && run sqlite "sqlite://$WORK/sqlite/wharf.db"
if [ -n "${WHARF_TEST_DATABASE_URL:-}" ] && [ "${ONLY:-postgres}" = postgres ]; then
  PG_DB="wharf_scale_bench_$$"
  psql -q "${WHARF_TEST_DATABASE_URL%/*}/postgres" -c "CREATE DATABASE $PG_DB"
  run postgres "${WHARF_TEST_DATABASE_URL%/*}/$PG_DB"
fi
