#!/usr/bin/env bash
# Instructions Wharf's own code spends on one index-file request, counted by valgrind's callgrind:
# the same figure for the same binary whatever else the machine is doing, unlike requests/s, which
# moved by half from one hour to the next on the shared 2-core machine (see BENCHMARKS.md).
#
#   bash bench/index_instructions.sh [BINARY...]     (default: target/release/wharf)
#
# For each binary: a fresh registry with one crate of 50 versions (the file bench/run.sh's wrk
# rounds fetch), then the server run under callgrind twice, answering 2,000 and 22,000 sequential
# GETs (and then as many 304 revalidations) over one keep-alive connection; the difference of the
# two totals over 20,000 is the cost of a request, start-up and shut-down cancelled out. User
# space only: the kernel's work (the socket writes, about half of a request's CPU) is not counted.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
export WHARF_DETONATE=off
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
[ $# -gt 0 ] || set -- "$ROOT/target/release/wharf"

WORK=$(mktemp -d -t wharf-instructions.XXXXXX)
SERVER=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
# Starts "$@" serving DATA on a free port; sets PORT and SERVER.
start() {
  PORT=$(free_port)
  : >"$WORK/out"
  "$@" --config "$WORK/wharf.toml" --data-dir "$WORK/data" serve --listen "127.0.0.1:$PORT" \
    >"$WORK/out" 2>"$WORK/err" &
  SERVER=$!
  for _ in $(seq 600); do
    grep -q listening "$WORK/out" && return
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/err" >&2; exit 1; }
    sleep 0.1
  done
  echo "the server did not start" >&2
  exit 1
}
stop() {
  kill -INT "$SERVER"
  wait "$SERVER" || true
  SERVER=""
}
# Sends COUNT GETs of the target file, with If-None-Match ETAG when given.
requests() {
  python3 - "$PORT" "$1" "${2:-}" <<'EOF'
import http.client, sys
port, count, etag = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
connection = http.client.HTTPConnection("127.0.0.1", port)
headers = {"If-None-Match": etag} if etag else {}
for _ in range(count):
    connection.request("GET", "/index/be/nc/bench-index-target", headers=headers)
    response = connection.getresponse()
    response.read()
    assert response.status == (304 if etag else 200), response.status
EOF
}
# Total instructions of one run under callgrind answering COUNT requests.
counted() {
  local binary=$1 count=$2 mode=$3
  rm -f "$WORK"/callgrind.*
  start valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.%p" "$binary"
  local etag=""
  if [ "$mode" = 304 ]; then
    etag=$(curl -sfI "http://127.0.0.1:$PORT/index/be/nc/bench-index-target" \
      | tr -d '\r' | awk 'tolower($1) == "etag:" {print $2}')
  fi
  # The first request reads the file; the counted ones are answered from memory.
  curl -sf "http://127.0.0.1:$PORT/index/be/nc/bench-index-target" >/dev/null
  requests "$count" "$etag"
  stop
  awk '/^summary:/ {print $2}' "$WORK"/callgrind.*
}

for binary in "$@"; do
  rm -rf "$WORK/data"
  mkdir -p "$WORK/data"
  printf 'api_requests_per_second = 1000000\napi_burst = 1000000\n' >"$WORK/wharf.toml"
  "$binary" --config "$WORK/wharf.toml" --data-dir "$WORK/data" migrate 2>/dev/null
  "$binary" --config "$WORK/wharf.toml" --data-dir "$WORK/data" user add bench --email bench@example.org >/dev/null 2>&1
  token=$("$binary" --config "$WORK/wharf.toml" --data-dir "$WORK/data" token new bench)
  "$binary" --config "$WORK/wharf.toml" --data-dir "$WORK/data" admin rate-limit bench publish-new \
    --burst 1000000 --period-seconds 1 >/dev/null 2>&1
  "$binary" --config "$WORK/wharf.toml" --data-dir "$WORK/data" admin rate-limit bench publish-update \
    --burst 1000000 --period-seconds 1 >/dev/null 2>&1
  start "$binary"
  python3 "$BENCH_DIR/publish.py" --url "http://127.0.0.1:$PORT" --token "$token" populate \
    --crates 1 --versions 1 --target bench-index-target --target-versions 50 >/dev/null 2>&1
  stop
  for mode in get 304; do
    few=$(counted "$binary" 2000 "$mode")
    many=$(counted "$binary" 22000 "$mode")
    echo "$binary: $mode: $(( (many - few) / 20000 )) instructions a request (user space)"
  done
done
