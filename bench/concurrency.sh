#!/usr/bin/env bash
# Concurrent writers: N clients publishing, yanking/un-yanking and downloading at once against one
# release `wharf serve`, counting the responses by status (5xx is the failure looked for) with the
# p50/p99 latency of each operation. See RELIABILITY.md, "Concurrent writers".
#
#   bash bench/concurrency.sh                                              # SQLite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres bash bench/concurrency.sh  # PostgreSQL
#
# Each run gets a fresh temporary data directory and a fresh database: a SQLite file in the data
# directory, or with DATABASE_URL (a PostgreSQL server's admin URL) a database of its own, created
# with psql and dropped afterwards. Users, tokens and lifted per-user rate limits are made with the
# CLI; the server listens on 127.0.0.1 on a port of the kernel's choosing, and bench/concurrency.py
# (standard library only) is the load.
#
# Knobs (environment): MAX_VERSIONS (publishes per client, then only yanks and downloads: a registry
# that stops growing, for a flat-memory soak; default 0, no cap), CLIENTS (client counts to run, one run each; default "5 16"), DURATION
# (seconds a run, default 60), DATABASE_URL (as above), SEED (1), SKIP_BUILD (1 = use the existing
# binary), WHARF_BIN (a wharf binary to measure instead of target/release/wharf, e.g. one built from
# another commit; implies SKIP_BUILD; WHARF_BIN_COMMIT names that commit in the summary), KEEP_WORK
# (1 = keep the temporary directories).
# Prints a Markdown summary and writes it, with each run's JSON, to bench/out/concurrency*.
set -euo pipefail
# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
export WHARF_DETONATE="${WHARF_DETONATE:-off}"

CLIENTS=${CLIENTS:-"5 16"}
DURATION=${DURATION:-60}
DATABASE_URL=${DATABASE_URL:-}
SEED=${SEED:-1}
SKIP_BUILD=${SKIP_BUILD:-0}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
OUT_DIR="$BENCH_DIR/out"
mkdir -p "$OUT_DIR"
log() { printf '[concurrency] %s\n' "$*" >&2; }

COMMIT="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$ROOT" && git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
if [ -n "${WHARF_BIN:-}" ]; then
  WHARF=$WHARF_BIN
  COMMIT="${WHARF_BIN_COMMIT:-unknown commit} (binary $WHARF_BIN)"
else
  if [ "$SKIP_BUILD" != 1 ]; then
    log "building wharf (release)"
    (cd "$ROOT" && cargo build --release -p wharf)
  else
    COMMIT="$COMMIT (SKIP_BUILD=1: the binary may be older)"
  fi
  WHARF="$ROOT/target/release/wharf"
fi
[ -x "$WHARF" ] || { echo "no $WHARF: build it with cargo build --release -p wharf" >&2; exit 1; }

if [ -n "$DATABASE_URL" ]; then
  case "$DATABASE_URL" in
    postgres://*|postgresql://*) ;;
    *) echo "DATABASE_URL must be a postgres:// URL (SQLite is the default)" >&2; exit 1 ;;
  esac
  command -v psql >/dev/null || { echo "PostgreSQL runs need psql" >&2; exit 1; }
  BACKEND=postgres
else
  BACKEND=sqlite
fi

WORK=""
WHARF_PID=""
DB_NAME=""
stop_run() {
  if [ -n "$WHARF_PID" ]; then
    kill "$WHARF_PID" 2>/dev/null || true
    wait "$WHARF_PID" 2>/dev/null || true
    WHARF_PID=""
  fi
  if [ -n "$DB_NAME" ]; then
    psql "$DATABASE_URL" -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null || true
    DB_NAME=""
  fi
  if [ -n "$WORK" ]; then
    if [ "${KEEP_WORK:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
    WORK=""
  fi
}
trap 'status=$?; stop_run; exit $status' EXIT
trap 'exit 130' INT TERM

# run CLIENTS: one run with a fresh server and database; writes $OUT_DIR/concurrency-$BACKEND-CLIENTS.json
run() {
  local clients=$1
  WORK=$(mktemp -d -t wharf-concurrency.XXXXXX)
  local data="$WORK/data" db_url
  mkdir -p "$data"
  if [ "$BACKEND" = postgres ]; then
    DB_NAME="wharf_concurrency_$$_$clients"
    psql "$DATABASE_URL" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $DB_NAME" >/dev/null
    db_url="${DATABASE_URL%/*}/$DB_NAME"
  else
    db_url="sqlite://$data/wharf.db"
  fi
  # Every client comes from 127.0.0.1: lift the per-address API limit (per-user limits below).
  cat >"$WORK/wharf.toml" <<EOF
api_requests_per_second = 1000000
api_burst = 1000000
EOF
  local cli=("$WHARF" --config "$WORK/wharf.toml" --data-dir "$data" --database-url "$db_url")
  quiet() { "$@" 2>>"$WORK/cli.err" >/dev/null || { cat "$WORK/cli.err" >&2; return 1; }; }
  quiet "${cli[@]}" migrate
  : >"$WORK/tokens"
  for i in $(seq 0 $((clients - 1))); do
    quiet "${cli[@]}" user add "loader$i" --email "loader$i@example.org"
    "${cli[@]}" token new "loader$i" 2>>"$WORK/cli.err" >>"$WORK/tokens"
    for action in publish-new publish-update yank; do
      quiet "${cli[@]}" admin rate-limit "loader$i" "$action" --burst 1000000 --period-seconds 1
    done
  done

  # Download counts are flushed every second, so the flush is one of the writers all along.
  WHARF_DOWNLOAD_FLUSH_SECONDS=1 RUST_LOG=warn "${cli[@]}" serve --listen 127.0.0.1:0 \
    >"$WORK/wharf.out" 2>"$WORK/wharf.err" &
  WHARF_PID=$!
  local url=""
  for _ in $(seq 100); do
    url=$(sed -n 's/^Wharf listening on //p' "$WORK/wharf.out" 2>/dev/null | head -n1)
    [ -n "$url" ] && break
    kill -0 "$WHARF_PID" 2>/dev/null || { cat "$WORK/wharf.err" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$url" ] || { echo "wharf did not start" >&2; exit 1; }
  log "$BACKEND, $clients clients, ${DURATION}s against $url"
  local json="$OUT_DIR/concurrency-$BACKEND-$clients.json"
  python3 "$BENCH_DIR/concurrency.py" --url "$url" --tokens "$WORK/tokens" --clients "$clients" \
    --duration "$DURATION" --seed "$SEED" --pid "$WHARF_PID" --max-versions "${MAX_VERSIONS:-0}" >"$json"
  # What the server logged about its database while loaded: the transactions aborted for a lock
  # (busy, locked, deadlock, serialization) that failed (a request, or a download-count flush,
  # which keeps its counts for the next one), then those run again.
  local aborted='database is locked|busy|deadlock|could not serialize'
  local log="$OUT_DIR/concurrency-$BACKEND-$clients.dblog"
  { grep -vE 'retrying' "$WORK/wharf.err" | grep -ciE "$aborted" || true
    grep -E 'retrying' "$WORK/wharf.err" | grep -ciE "$aborted" || true
    grep -iE "$aborted" "$WORK/wharf.err" | cut -c1-300 | sort -k2 | uniq -f1 -c | head -n 5 || true
  } >"$log"
  stop_run
}

summary_row() { # summary_row JSON-FILE DBLOG-FILE
  python3 - "$1" "$2" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
failed, retried = (open(sys.argv[2]).read().splitlines() + ["?", "?"])[:2]
def op(name):
    e = r["ops"].get(name)
    if not e:
        return "–"
    return f'{e["total"]} / {e["5xx"]} / {e["p50_ms"]:g} / {e["p99_ms"]:g}'
m = r.get("rss_mib")
rss = f'{m["after_warmup"]:g} / {m["end"]:g} / {m["max"]:g}' if m else "–"
print(f'| {r["clients"]} | {r["duration_s"]:g} | {r["requests"]} | **{r["5xx"]}** | {r["connection_errors"]} '
      f'| {op("publish")} | {op("yank")} | {op("unyank")} | {op("download")} | {failed} / {retried} | {rss} |')
EOF
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for clients in $CLIENTS; do
  run "$clients"
done

SUMMARY="$OUT_DIR/concurrency-$BACKEND.md"
{
  echo "- $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $COMMIT, $BACKEND, ${DURATION}s a run, seed $SEED;" \
    "$(nproc) CPUs shared by server and clients; load average before: $LOAD_BEFORE"
  echo
  echo "| clients | s | requests | 5xx | conn. errors | publish: n / 5xx / p50 / p99 ms | yank | unyank | download | lock aborts logged: failed / retried | RSS MiB: warmed up / end / max |"
  echo "| ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- | ---: | --- |"
  for clients in $CLIENTS; do
    summary_row "$OUT_DIR/concurrency-$BACKEND-$clients.json" "$OUT_DIR/concurrency-$BACKEND-$clients.dblog"
  done
} >"$SUMMARY"
echo
cat "$SUMMARY"
for clients in $CLIENTS; do
  python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["error_samples"]; [print(f"  {k}: {v[0]}") for k, v in s.items()]' \
    "$OUT_DIR/concurrency-$BACKEND-$clients.json" >&2
done
