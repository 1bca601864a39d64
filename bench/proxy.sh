#!/usr/bin/env bash
# The pull-through proxy's serving overhead: a cached upstream index file against a local one of
# the same shape, on the same Wharf (issue #17: "≥ 0.8× the rate of a local one").
#
#   bash bench/proxy.sh
#
# Starts two release Wharfs on 127.0.0.1 (SQLite, temporary directories): the upstream, into which
# `upstream-target` (TARGET_VERSIONS versions) is imported, and the proxy, which proxies it and
# has `local-target` (the same versions, the same files but for the name) of its own. After one
# GET has brought the upstream file in, wrk asks the proxy for each file in turn, ROUNDS times,
# alternating; then the same with If-None-Match (304s). Prints the rates and their ratios and
# writes bench/out/proxy.md.
#
# Knobs (environment): DURATION (wrk seconds, default 10), CONNECTIONS (64), THREADS (2),
# TARGET_VERSIONS (50), ROUNDS (3), SKIP_BUILD (1 = use the existing binary).
set -euo pipefail
# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
export WHARF_DETONATE="${WHARF_DETONATE:-off}"

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
TARGET_VERSIONS=${TARGET_VERSIONS:-50}
ROUNDS=${ROUNDS:-3}
SKIP_BUILD=${SKIP_BUILD:-0}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
OUT_DIR="$BENCH_DIR/out"
mkdir -p "$OUT_DIR"
log() { printf '[proxy-bench] %s\n' "$*" >&2; }

if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y wrk
fi
COMMIT="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ "$SKIP_BUILD" != 1 ]; then
  log "building wharf (release)"
  (cd "$ROOT" && cargo build --release -p wharf)
fi
WHARF="$ROOT/target/release/wharf"

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# The same TARGET_VERSIONS versions under two names.
python3 - "$WORK" "$TARGET_VERSIONS" <<'EOF'
import gzip, io, os, sys, tarfile
work, versions = sys.argv[1], int(sys.argv[2])
for name in ("upstream-target", "local-target"):
    out = os.path.join(work, name)
    os.makedirs(out)
    for i in range(versions):
        version = f"1.{i}.0"
        files = {
            f"{name}-{version}/Cargo.toml": f'[package]\nname = "{name}"\nversion = "{version}"\n'
            f'edition = "2021"\ndescription = "A crate served many times"\nlicense = "MIT"\n'
            f'[features]\ndefault = ["std"]\nstd = []\n',
            f"{name}-{version}/src/lib.rs": f"pub fn version() -> u32 {{ {i} }}\n",
        }
        archive = io.BytesIO()
        with tarfile.open(fileobj=archive, mode="w") as tar:
            for path, body in files.items():
                data = body.encode()
                info = tarfile.TarInfo(path)
                info.size = len(data)
                info.mode = 0o644
                tar.addfile(info, io.BytesIO(data))
        with open(os.path.join(out, f"{name}-{version}.crate"), "wb") as f:
            f.write(gzip.compress(archive.getvalue(), mtime=0))
EOF

# start NAME DATA_DIR [CONFIG]: starts a Wharf; sets STARTED_URL and STARTED_PID.
start() {
  local name=$1 data=$2 config=${3:-}
  local args=(--data-dir "$data")
  [ -n "$config" ] && args=(--config "$config" "${args[@]}")
  "$WHARF" "${args[@]}" serve --listen 127.0.0.1:0 >"$WORK/$name.out" 2>"$WORK/$name.err" &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
  for _ in $(seq 1 100); do
    if grep -q "Wharf listening on" "$WORK/$name.out" 2>/dev/null; then
      STARTED_URL=$(sed -n 's/^Wharf listening on //p' "$WORK/$name.out" | head -n1)
      return
    fi
    sleep 0.1
  done
  log "$name did not start"; cat "$WORK/$name.err" >&2; exit 1
}

start upstream "$WORK/upstream"
UPSTREAM=$STARTED_URL
UPSTREAM_PID=$STARTED_PID
"$WHARF" --data-dir "$WORK/upstream" user add maint --email maint@example.org >/dev/null
"$WHARF" --data-dir "$WORK/upstream" import --owner maint "$WORK/upstream-target" >/dev/null
printf '[upstream]\nurl = "sparse+%s/index/"\nttl_seconds = 3600\n' "$UPSTREAM" >"$WORK/proxy.toml"
start proxy "$WORK/proxy" "$WORK/proxy.toml"
PROXY=$STARTED_URL
"$WHARF" --config "$WORK/proxy.toml" --data-dir "$WORK/proxy" user add local --email local@example.org >/dev/null
"$WHARF" --config "$WORK/proxy.toml" --data-dir "$WORK/proxy" import --owner local "$WORK/local-target" >/dev/null

LOCAL_URL="$PROXY/index/lo/ca/local-target"
UPSTREAM_URL="$PROXY/index/up/st/upstream-target"
local_lines=$(curl -fsS "$LOCAL_URL" | wc -l)
upstream_lines=$(curl -fsS "$UPSTREAM_URL" | wc -l)
local_bytes=$(curl -fsS "$LOCAL_URL" | wc -c)
upstream_bytes=$(curl -fsS "$UPSTREAM_URL" | wc -c)
log "local file: $local_lines lines, $local_bytes bytes; upstream file: $upstream_lines lines, $upstream_bytes bytes"
[ "$local_lines" = "$TARGET_VERSIONS" ] && [ "$upstream_lines" = "$TARGET_VERSIONS" ] || {
  log "the files are not both there"; exit 1; }
etag_of() { curl -fsSI "$1" | awk 'tolower($1) == "etag:" { sub(/\r$/, "", $2); print $2 }'; }
LOCAL_ETAG=$(etag_of "$LOCAL_URL")
UPSTREAM_ETAG=$(etag_of "$UPSTREAM_URL")
# The upstream is not needed from here on: stopping it shows the file is served from the proxy.
kill "$UPSTREAM_PID"

rate() { awk '/Requests\/sec/ { print $2 }' "$1"; }
# bench NAME URL [ETAG]: one wrk run, prints requests/s.
bench() {
  local name=$1 url=$2 etag=${3:-} file="$OUT_DIR/proxy-wrk-$1.txt"
  if [ -n "$etag" ]; then
    ETAG="$etag" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$BENCH_DIR/revalidate.lua" "$url" >"$file" 2>&1
    grep -q "non304=0 " "$file" || { log "$name: not every answer was a 304"; cat "$file" >&2; exit 1; }
  else
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "$url" >"$file" 2>&1
    ! grep -q "Non-2xx" "$file" || { log "$name: errors"; cat "$file" >&2; exit 1; }
  fi
  rate "$file"
}

declare -a L U L304 U304
for round in $(seq 1 "$ROUNDS"); do
  L+=("$(bench "local-$round" "$LOCAL_URL")")
  U+=("$(bench "upstream-$round" "$UPSTREAM_URL")")
  U304+=("$(bench "upstream-304-$round" "$UPSTREAM_URL" "$UPSTREAM_ETAG")")
  L304+=("$(bench "local-304-$round" "$LOCAL_URL" "$LOCAL_ETAG")")
  log "round $round: local ${L[-1]}/s, upstream ${U[-1]}/s; 304s local ${L304[-1]}/s, upstream ${U304[-1]}/s"
done

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ML=$(median "${L[@]}"); MU=$(median "${U[@]}"); ML304=$(median "${L304[@]}"); MU304=$(median "${U304[@]}")
{
  echo "# Proxy serving overhead ($(date -u +%Y-%m-%d), commit $COMMIT)"
  echo
  echo "- machine: $(nproc) CPUs; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s on the same machine, $ROUNDS rounds alternating"
  echo "- files: $TARGET_VERSIONS versions each; local $local_bytes bytes, upstream $upstream_bytes bytes (sent uncompressed); the upstream stopped before the runs"
  echo
  echo "| | GET 200 (req/s, median) | 304 (req/s, median) |"
  echo "| --- | ---: | ---: |"
  echo "| local file | $ML | $ML304 |"
  echo "| cached upstream file | $MU | $MU304 |"
  echo "| upstream / local | $(ratio "$MU" "$ML") | $(ratio "$MU304" "$ML304") |"
  echo
  echo "Rounds (local, upstream; 304 local, upstream): ${L[*]} / ${U[*]}; ${L304[*]} / ${U304[*]}"
} >"$OUT_DIR/proxy.md"
cat "$OUT_DIR/proxy.md"
