#!/usr/bin/env bash
# Reproducible benchmark of Wharf against nginx serving the same index files, and of publishing.
#
#   bash bench/run.sh
#
# Measures, on loopback only (127.0.0.1):
#   1. index-file GETs/s with 64 connections (wrk -t2 -c64), Wharf and nginx side by side;
#   2. 304 revalidations/s (If-None-Match with each server's own ETag), Wharf and nginx;
#   3. publishes/s of a ~100 KB .crate, sequential over one keep-alive connection, with p50/p90/p99.
# Prints a summary and writes bench/out/results.md. Both servers are stopped on exit.
#
# Knobs (environment): DURATION (wrk seconds, default 10), CONNECTIONS (64), THREADS (2),
# PUBLISHES (200), PUBLISH_SIZE (100000), PUBLISH_MODE (versions|crates), FILLER_CRATES (200),
# TARGET_VERSIONS (50), ROUNDS (3: wrk rounds, alternating the servers; the best is reported),
# NGINX_OPEN_FILE_CACHE (1 = on), SKIP_BUILD (1 = use the existing binary), WHARF (the binary, with
# SKIP_BUILD=1: another build to compare), KEEP_WORK (1 = keep the temporary data directory).
set -euo pipefail
# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
export WHARF_DETONATE="${WHARF_DETONATE:-off}"

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PUBLISHES=${PUBLISHES:-200}
PUBLISH_SIZE=${PUBLISH_SIZE:-100000}
PUBLISH_MODE=${PUBLISH_MODE:-versions}
FILLER_CRATES=${FILLER_CRATES:-200}
TARGET_VERSIONS=${TARGET_VERSIONS:-50}
NGINX_OPEN_FILE_CACHE=${NGINX_OPEN_FILE_CACHE:-1}
SKIP_BUILD=${SKIP_BUILD:-0}
ROUNDS=${ROUNDS:-3}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
OUT_DIR="$BENCH_DIR/out"
mkdir -p "$OUT_DIR"
rm -f "$OUT_DIR"/wrk-*.txt "$OUT_DIR"/wrk-*.cpu "$OUT_DIR/.times" "$OUT_DIR/results.md"

log() { printf '[bench] %s\n' "$*" >&2; }

# --- 1. tools ------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${missing[@]}"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# The commit measured (taken before the build; with SKIP_BUILD=1, the binary may be older).
COMMIT="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$ROOT" && git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
[ "$SKIP_BUILD" = 1 ] && COMMIT="$COMMIT (SKIP_BUILD=1: the binary was not rebuilt)"
if [ "$SKIP_BUILD" != 1 ]; then
  log "building wharf (release)"
  (cd "$ROOT" && cargo build --release -p wharf)
fi
WHARF="${WHARF:-$ROOT/target/release/wharf}"
[ -x "$WHARF" ] || { echo "no $WHARF: build it with cargo build --release -p wharf" >&2; exit 1; }

# --- 2. Wharf ------------------------------------------------------------------------------------
WORK=$(mktemp -d -t wharf-bench.XXXXXX)
DATA="$WORK/data"
mkdir -p "$DATA"
WHARF_PID=""
NGINX_PID=""
cleanup() {
  local status=$?
  [ -n "$WHARF_PID" ] && kill "$WHARF_PID" 2>/dev/null && wait "$WHARF_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  if [ "${KEEP_WORK:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# The benchmark publishes hundreds of crates from one user and one address in a minute; lift the
# per-address API limit for this run (the per-user publish limits are lifted below, per user).
CONFIG="$WORK/wharf.toml"
cat >"$CONFIG" <<EOF
api_requests_per_second = 1000000
api_burst = 1000000
EOF
if ! "$WHARF" --config "$CONFIG" --data-dir "$DATA" migrate 2>"$WORK/migrate.log"; then
  log "this wharf does not take the API rate keys in its config file; running without one"
  cat "$WORK/migrate.log" >&2
  : >"$CONFIG"
fi

"$WHARF" --config "$CONFIG" --data-dir "$DATA" user add bench --email bench@example.org >/dev/null
TOKEN=$("$WHARF" --config "$CONFIG" --data-dir "$DATA" token new bench)
for action in publish-new publish-update; do
  "$WHARF" --config "$CONFIG" --data-dir "$DATA" admin rate-limit bench "$action" \
    --burst 1000000 --period-seconds 1 >/dev/null 2>&1 \
    || log "could not lift the $action rate limit (no 'admin rate-limit' command?)"
done

WHARF_PORT=$(free_port)
WHARF_URL="http://127.0.0.1:$WHARF_PORT"
# Wharf's default logging (info, tower_http at warn: no line per request), as nginx with access_log off.
"$WHARF" --config "$CONFIG" --data-dir "$DATA" serve \
  --listen "127.0.0.1:$WHARF_PORT" >"$WORK/wharf.out" 2>"$WORK/wharf.err" &
WHARF_PID=$!
for _ in $(seq 100); do
  grep -q 'listening' "$WORK/wharf.out" 2>/dev/null && break
  kill -0 "$WHARF_PID" 2>/dev/null || { cat "$WORK/wharf.err" >&2; exit 1; }
  sleep 0.1
done
log "wharf: $(head -n1 "$WORK/wharf.out")"

# --- 3. publishing -------------------------------------------------------------------------------
TARGET=bench-index-target
TARGET_PATH="be/nc/$TARGET"
log "populating the index ($FILLER_CRATES crates x 2 versions, $TARGET x $TARGET_VERSIONS)"
python3 "$BENCH_DIR/publish.py" --url "$WHARF_URL" --token "$TOKEN" populate \
  --crates "$FILLER_CRATES" --versions 2 --target "$TARGET" --target-versions "$TARGET_VERSIONS"
[ -f "$DATA/index/$TARGET_PATH" ] || { echo "no index file at $DATA/index/$TARGET_PATH" >&2; exit 1; }
INDEX_LINES=$(wc -l <"$DATA/index/$TARGET_PATH")
[ "$INDEX_LINES" -eq "$TARGET_VERSIONS" ] \
  || { echo "$TARGET's index file has $INDEX_LINES versions, not $TARGET_VERSIONS (held by the policy?)" >&2; exit 1; }
INDEX_BYTES=$(wc -c <"$DATA/index/$TARGET_PATH")
INDEX_FILES=$(find "$DATA/index" -type f | wc -l)

log "measuring $PUBLISHES publishes of a ~$PUBLISH_SIZE byte crate ($PUBLISH_MODE)"
PUBLISH_JSON=$(python3 "$BENCH_DIR/publish.py" --url "$WHARF_URL" --token "$TOKEN" measure \
  --count "$PUBLISHES" --size "$PUBLISH_SIZE" --mode "$PUBLISH_MODE")
log "publish: $PUBLISH_JSON"
# Every measured publish must be in the index (a version the policy held would not be).
if [ "$PUBLISH_MODE" = versions ]; then
  PUBLISHED=$(wc -l <"$DATA/index/be/nc/bench-heavy")
else
  PUBLISHED=$(find "$DATA/index/be/nc" -name 'bench-heavy-*' -type f | wc -l)
fi
[ "$PUBLISHED" -ge "$PUBLISHES" ] \
  || { echo "only $PUBLISHED of the measured publishes reached the index" >&2; exit 1; }
pub() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$PUBLISH_JSON" "$1"; }

# --- 4. nginx on the same files ------------------------------------------------------------------
NGINX_PORT=$(free_port)
NGINX_DIR="$WORK/nginx"
mkdir -p "$NGINX_DIR"
NGINX_USER=""
# The data directory is private (mktemp makes it 0700): nginx workers must run as its owner to read it.
[ "$(id -u)" -eq 0 ] && NGINX_USER="user root;"
OPEN_FILE_CACHE=""
[ "$NGINX_OPEN_FILE_CACHE" = 1 ] && OPEN_FILE_CACHE="open_file_cache max=10000 inactive=60s; open_file_cache_valid 1s;"
cat >"$NGINX_DIR/nginx.conf" <<EOF
$NGINX_USER
worker_processes auto;
daemon off;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  etag on;
  keepalive_requests 100000000;
  keepalive_timeout 75s;
  $OPEN_FILE_CACHE
  default_type "text/plain; charset=utf-8";
  client_body_temp_path $NGINX_DIR/client_body;
  proxy_temp_path $NGINX_DIR/proxy;
  fastcgi_temp_path $NGINX_DIR/fastcgi;
  uwsgi_temp_path $NGINX_DIR/uwsgi;
  scgi_temp_path $NGINX_DIR/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location /index/ {
      alias $DATA/index/;
    }
  }
}
EOF
"$NGINX" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -e "$NGINX_DIR/error.log" &
NGINX_PID=$!
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
for _ in $(seq 100); do
  curl -fsS -o /dev/null "$NGINX_URL/index/$TARGET_PATH" 2>/dev/null && break
  kill -0 "$NGINX_PID" 2>/dev/null || { cat "$NGINX_DIR/error.log" >&2; exit 1; }
  sleep 0.1
done
log "nginx: $NGINX_URL ($($NGINX -v 2>&1))"

# Both servers must send the same bytes for the same file.
W_SUM=$(curl -fsS "$WHARF_URL/index/$TARGET_PATH" | sha256sum | cut -d' ' -f1)
N_SUM=$(curl -fsS "$NGINX_URL/index/$TARGET_PATH" | sha256sum | cut -d' ' -f1)
F_SUM=$(sha256sum <"$DATA/index/$TARGET_PATH" | cut -d' ' -f1)
if [ "$W_SUM" != "$F_SUM" ] || [ "$N_SUM" != "$F_SUM" ]; then
  echo "the servers do not send the file's bytes (wharf $W_SUM, nginx $N_SUM, file $F_SUM)" >&2
  exit 1
fi

etag_of() {
  curl -fsS -D - -o /dev/null "$1" | tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }'
}
status_with() {
  curl -sS -o /dev/null -w '%{http_code}' -H "If-None-Match: $2" "$1"
}
W_ETAG=$(etag_of "$WHARF_URL/index/$TARGET_PATH")
N_ETAG=$(etag_of "$NGINX_URL/index/$TARGET_PATH")
log "etags: wharf $W_ETAG, nginx $N_ETAG"
for pair in "$WHARF_URL|$W_ETAG" "$NGINX_URL|$N_ETAG"; do
  code=$(status_with "${pair%%|*}/index/$TARGET_PATH" "${pair#*|}")
  [ "$code" = 304 ] || { echo "${pair%%|*} answered $code, not 304, to its own ETag" >&2; exit 1; }
done

# --- 5. wrk --------------------------------------------------------------------------------------
# CPU accounting, so that a run disturbed by other work on the machine shows in the results.
TICK=$(getconf CLK_TCK)
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
pids_ticks() { # pids_ticks PID...: user+system ticks of every thread of these processes
  local total=0 pid task
  for pid in "$@"; do
    for task in /proc/"$pid"/task/*; do
      [ -r "$task/stat" ] || continue
      total=$((total + $(sed 's/.*) //' "$task/stat" | awk '{ print $12 + $13 }')))
    done
  done
  echo "$total"
}
children_ticks() { # children_ticks FILE: user+system ticks of waited-for children, from `times` output
  tail -n1 "$1" | awk -v tick="$TICK" '{
    t = 0
    for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60 + p[2] }
    printf "%d\n", t * tick }'
}

# wrk_run NAME URL "PIDS" [ETAG]: writes $OUT_DIR/wrk-NAME.txt (wrk's output) and wrk-NAME.cpu
# (percent of all CPUs used by the server, by wrk, and by everything else; the server's CPU time per
# request in µs), prints requests/s.
wrk_run() {
  local name=$1 url=$2 pids=$3 etag=${4:-}
  local file="$OUT_DIR/wrk-$name.txt"
  local busy0 server0 wrk0 busy1 server1 wrk1 capacity
  times >"$OUT_DIR/.times"
  # shellcheck disable=SC2086
  busy0=$(busy_ticks); server0=$(pids_ticks $pids); wrk0=$(children_ticks "$OUT_DIR/.times")
  if [ -n "$etag" ]; then
    ETAG="$etag" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
      -s "$BENCH_DIR/revalidate.lua" "$url" >"$file" 2>&1
  else
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" >"$file" 2>&1
  fi
  times >"$OUT_DIR/.times"
  # shellcheck disable=SC2086
  busy1=$(busy_ticks); server1=$(pids_ticks $pids); wrk1=$(children_ticks "$OUT_DIR/.times")
  capacity=$((NPROC * DURATION * TICK))
  awk -v b=$((busy1 - busy0)) -v s=$((server1 - server0)) -v w=$((wrk1 - wrk0)) -v c="$capacity" \
    -v n="$(awk '/requests in/ { print $1 }' "$file")" -v tick="$TICK" \
    'BEGIN { o = b - s - w; if (o < 0) o = 0
             printf "%.0f %.0f %.0f %.1f\n", 100 * s / c, 100 * w / c, 100 * o / c, 1e6 * s / tick / n }' \
    >"$OUT_DIR/wrk-$name.cpu"
  awk '/^Requests\/sec:/ { print $2 }' "$file"
}
wrk_field() { # wrk_field NAME: errors summary of a run
  local file="$OUT_DIR/wrk-$1.txt"
  local non2xx errors p50 p99
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$file")
  errors=$(grep -E '^  Socket errors' "$file" | sed 's/^ *//' || true)
  p50=$(awk '$1 == "50%" { print $2 }' "$file")
  p99=$(awk '$1 == "99%" { print $2 }' "$file")
  echo "p50 ${p50:-?}, p99 ${p99:-?}; non-2xx/3xx: ${non2xx:-0}${errors:+; $errors}"
}

# Rounds alternate the servers so that a burst of other load on the machine hurts both alike; the
# summary takes each server's best round (the one least disturbed) and lists every round.
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
W_GETS=(); N_GETS=(); W_304S=(); N_304S=(); CPU_LINES=()
NPROC=$(nproc)
NGINX_PIDS="$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')"
W_304_CHECK=""; N_304_CHECK=""
for round in $(seq "$ROUNDS"); do
  log "round $round/$ROUNDS: index GET (wharf, nginx), revalidation (wharf, nginx)"
  W_GETS+=("$(wrk_run get-wharf-$round "$WHARF_URL/index/$TARGET_PATH" "$WHARF_PID")")
  N_GETS+=("$(wrk_run get-nginx-$round "$NGINX_URL/index/$TARGET_PATH" "$NGINX_PIDS")")
  W_304S+=("$(wrk_run 304-wharf-$round "$WHARF_URL/index/$TARGET_PATH" "$WHARF_PID" "$W_ETAG")")
  N_304S+=("$(wrk_run 304-nginx-$round "$NGINX_URL/index/$TARGET_PATH" "$NGINX_PIDS" "$N_ETAG")")
  W_304_CHECK+="$(grep '^REVALIDATE' "$OUT_DIR/wrk-304-wharf-$round.txt" || echo "REVALIDATE missing") "
  N_304_CHECK+="$(grep '^REVALIDATE' "$OUT_DIR/wrk-304-nginx-$round.txt" || echo "REVALIDATE missing") "
  log "  wharf ${W_GETS[-1]} / nginx ${N_GETS[-1]} GET/s; wharf ${W_304S[-1]} / nginx ${N_304S[-1]} 304/s"
  for run in get-wharf get-nginx 304-wharf 304-nginx; do
    CPU_LINES+=("| $round | $run | $(tr ' ' '\n' <"$OUT_DIR/wrk-$run-$round.cpu" | paste -sd'|' | sed 's/|/ | /g') |")
  done
done
best() { printf '%s\n' "$@" | sort -g | tail -n1; }
best_round() { # best_round VALUE VALUES...: the round number that gave VALUE
  local value=$1 i=1; shift
  for v in "$@"; do [ "$v" = "$value" ] && { echo "$i"; return; }; i=$((i + 1)); done
}
W_GET=$(best "${W_GETS[@]}"); N_GET=$(best "${N_GETS[@]}")
W_304=$(best "${W_304S[@]}"); N_304=$(best "${N_304S[@]}")
W_GET_R=$(best_round "$W_GET" "${W_GETS[@]}"); N_GET_R=$(best_round "$N_GET" "${N_GETS[@]}")
W_304_R=$(best_round "$W_304" "${W_304S[@]}"); N_304_R=$(best_round "$N_304" "${N_304S[@]}")

# --- 6. summary ----------------------------------------------------------------------------------
ratio() { python3 -c 'import sys; a, b = map(float, sys.argv[1:]); print(f"{a / b:.2f}")' "$1" "$2"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
GET_PAIRS=(); R304_PAIRS=()
for i in "${!W_GETS[@]}"; do
  GET_PAIRS+=("$(ratio "${W_GETS[$i]}" "${N_GETS[$i]}")")
  R304_PAIRS+=("$(ratio "${W_304S[$i]}" "${N_304S[$i]}")")
done
GET_RATIO=$(ratio "$W_GET" "$N_GET")
R304_RATIO=$(ratio "$W_304" "$N_304")
P50=$(pub p50_ms)
verdict() { python3 -c 'import sys; print("met" if eval(sys.argv[1]) else "NOT met")' "$1"; }
# Issue #16's goal: index serving >= 1.0x nginx. Judged on the median of the rounds' ratios, for
# GETs and for revalidations both: one round either way is the machine's scheduling (see
# BENCHMARKS.md), a median of alternating rounds is the servers.
GET_MEDIAN=$(median "${GET_PAIRS[@]}")
R304_MEDIAN=$(median "${R304_PAIRS[@]}")
INDEX_TARGET=$(verdict "$GET_MEDIAN >= 1.0 and $R304_MEDIAN >= 1.0")
PUBLISH_TARGET=$(verdict "$P50 < 20")
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)

{
  echo "# Wharf benchmark results"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit: $COMMIT"
  echo "- machine: $(nproc) CPUs ($CPU), $MEM; wrk and the server share these CPUs"
  echo "- nginx: $($NGINX -v 2>&1 | sed 's/^nginx version: //'), worker_processes auto, open_file_cache $([ "$NGINX_OPEN_FILE_CACHE" = 1 ] && echo on || echo off)"
  echo "- index file: /index/$TARGET_PATH, $INDEX_BYTES bytes ($TARGET_VERSIONS versions), $INDEX_FILES index files in all; sent uncompressed (wrk sends no Accept-Encoding)"
  echo "- wrk: -t$THREADS -c$CONNECTIONS -d${DURATION}s, $ROUNDS rounds; load average before the run: $LOAD_BEFORE"
  echo
  echo "Best round of each server, and their ratio; the goal is judged on the median of the rounds' ratios (below)."
  echo
  echo "| measure | Wharf (best round) | nginx (best round) | Wharf / nginx (best of each) |"
  echo "| --- | ---: | ---: | ---: |"
  echo "| index GET, requests/s | $W_GET | $N_GET | $GET_RATIO |"
  echo "| 304 revalidation, requests/s | $W_304 | $N_304 | $R304_RATIO |"
  echo
  echo "Best of $ROUNDS alternating rounds per server. Every round, requests/s:"
  echo
  echo "- index GET: Wharf ${W_GETS[*]}; nginx ${N_GETS[*]}; Wharf / nginx by round: ${GET_PAIRS[*]} (median $(median "${GET_PAIRS[@]}"))"
  echo "- revalidation: Wharf ${W_304S[*]}; nginx ${N_304S[*]}; Wharf / nginx by round: ${R304_PAIRS[*]} (median $(median "${R304_PAIRS[@]}"))"
  echo "- index GET latency (best round): Wharf $(wrk_field get-wharf-$W_GET_R); nginx $(wrk_field get-nginx-$N_GET_R)"
  echo "- revalidation latency (best round): Wharf $(wrk_field 304-wharf-$W_304_R); nginx $(wrk_field 304-nginx-$N_304_R)"
  echo "- CPU during each wrk run, percent of all $NPROC CPUs (\"other\" is everything else on the machine, and should be near 0):"
  echo
  echo "| round | run | server % | wrk % | other % | server CPU µs / request |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${CPU_LINES[@]}"
  echo
  echo "- revalidation check (every round): Wharf \`${W_304_CHECK% }\`; nginx \`${N_304_CHECK% }\`"
  echo
  echo "| publish of a ~$((PUBLISH_SIZE / 1000)) KB crate ($(pub count) sequential, mode $PUBLISH_MODE, mean .crate $(pub crate_bytes_mean) bytes) | value |"
  echo "| --- | ---: |"
  echo "| publishes/s | $(pub publishes_per_second) |"
  echo "| p50 ms | $P50 |"
  echo "| p90 ms | $(pub p90_ms) |"
  echo "| p99 ms | $(pub p99_ms) |"
  echo "| max ms | $(pub max_ms) |"
  echo
  echo "Publish latency is measured by the client (request sent to response read) over one keep-alive"
  echo "connection on loopback: an upper bound of the server's time."
  echo
  echo "Targets: index >= 1.0x nginx, median of rounds, GET and 304: $INDEX_TARGET (GET $GET_MEDIAN, 304 $R304_MEDIAN); publish p50 < 20 ms: $PUBLISH_TARGET ($P50 ms)."
} >"$OUT_DIR/results.md"

echo
cat "$OUT_DIR/results.md"
if grep -qiE 'error|panic' "$WORK/wharf.err"; then
  log "wharf logged errors:"
  grep -iE 'error|panic' "$WORK/wharf.err" | head -n 20 >&2
fi
