#!/usr/bin/env bash
# The pull-through proxy in front of the real crates.io: does its policy let real dependency trees
# through? (Issue #17: a registry that blocks legitimate crates is broken too.)
#
#   bash bench/proxy_crates_io.sh
#
# Needs the network to reach index.crates.io, static.crates.io and crates.io's API. Starts a
# release Wharf (SQLite, a temporary directory) with `--upstream sparse+https://index.crates.io/`,
# then has cargo fetch (download, not build: nothing is compiled or run) two projects through it
# with `[source.crates-io] replace-with`, one after the other, so that the second project's new
# names are judged against the crates the first made popular. Every fetched `.crate` is checked
# against crates.io's checksum and scanned. Prints how many versions were fetched and what the
# policy withheld (expected: nothing), and writes bench/out/proxy-crates-io.md. (How names fare
# when each arrives after all the others are popular is measured without the network by
# `cargo run --release -p wharf-policy --example typosquat_corpus DIR`.)
#
# Knobs (environment): SKIP_BUILD (1 = use the existing binary), TARGET (the target whose
# dependencies are fetched, default x86_64-unknown-linux-gnu), KEEP_WORK (1 = keep the temporary
# directory: the data, cargo's logs, the server's log).
set -euo pipefail
# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
export WHARF_DETONATE="${WHARF_DETONATE:-off}"

SKIP_BUILD=${SKIP_BUILD:-0}
TARGET=${TARGET:-x86_64-unknown-linux-gnu}
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
OUT_DIR="$BENCH_DIR/out"
mkdir -p "$OUT_DIR"
log() { printf '[proxy-crates-io] %s\n' "$*" >&2; }

COMMIT="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ "$SKIP_BUILD" != 1 ]; then
  log "building wharf (release)"
  (cd "$ROOT" && cargo build --release -p wharf)
fi
WHARF="$ROOT/target/release/wharf"

WORK=$(mktemp -d)
SERVER=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  wait 2>/dev/null || true
  if [ "${KEEP_WORK:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

"$WHARF" --data-dir "$WORK/data" serve --listen 127.0.0.1:0 \
  --upstream sparse+https://index.crates.io/ >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER=$!
for _ in $(seq 1 100); do
  grep -q "Wharf listening on" "$WORK/serve.out" 2>/dev/null && break
  sleep 0.1
done
URL=$(sed -n 's/^Wharf listening on //p' "$WORK/serve.out" | head -n1)
[ -n "$URL" ] || { log "wharf did not start"; cat "$WORK/serve.err" >&2; exit 1; }

mkdir -p "$WORK/cargo-home"
cat >"$WORK/cargo-home/config.toml" <<EOF
[registries.wharf]
index = "sparse+$URL/index/"

[source.crates-io]
replace-with = "wharf"

[net]
retry = 1
EOF

# project NAME DEPENDENCY-LINES: writes a binary project.
project() {
  mkdir -p "$WORK/$1/src"
  printf '[package]\nname = "%s"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n%s\n' \
    "$1" "$2" >"$WORK/$1/Cargo.toml"
  echo 'fn main() {}' >"$WORK/$1/src/main.rs"
}

project services '
tokio = { version = "1", features = ["full"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
clap = { version = "4", features = ["derive"] }
regex = "1"
rand = "0.8"
anyhow = "1"
thiserror = "1"
tracing = "0.1"
tracing-subscriber = { version = "0.3", features = ["env-filter", "json"] }
chrono = "0.4"
uuid = { version = "1", features = ["v4"] }
base64 = "0.22"
sha2 = "0.10"
hex = "0.4"
itertools = "0.13"
once_cell = "1"
futures = "0.3"
bytes = "1"
url = "2"
log = "0.4"
env_logger = "0.11"
toml = "0.8"
walkdir = "2"
tempfile = "3"
reqwest = { version = "0.12", default-features = false, features = ["rustls-tls", "json"] }
'
project tools '
axum = "0.7"
hyper = { version = "1", features = ["full"] }
tower-http = { version = "0.5", features = ["trace", "cors"] }
rayon = "1"
crossbeam = "0.8"
parking_lot = "0.12"
dashmap = "6"
smallvec = "1"
indexmap = "2"
hashbrown = "0.14"
nom = "7"
syn = { version = "2", features = ["full"] }
quote = "1"
proc-macro2 = "1"
bincode = "1"
postcard = { version = "1", features = ["alloc"] }
prost = "0.13"
image = { version = "0.25", default-features = false, features = ["png", "jpeg"] }
flate2 = "1"
tar = "0.4"
zip = { version = "2", default-features = false, features = ["deflate"] }
csv = "1"
semver = "1"
num = "0.4"
ndarray = "0.16"
rand_chacha = "0.3"
sqlx = { version = "0.8", default-features = false, features = ["runtime-tokio", "sqlite", "postgres"] }
rusqlite = { version = "0.32", features = ["bundled"] }
openssl = "0.10"
git2 = "0.19"
'

fetch() {
  local start end
  start=$(date +%s.%N)
  if ! CARGO_HOME="$WORK/cargo-home" cargo fetch --manifest-path "$WORK/$1/Cargo.toml" \
      --target "$TARGET" >"$WORK/$1.log" 2>&1; then
    log "cargo fetch of $1 failed:"; tail -n 30 "$WORK/$1.log" >&2
  fi
  end=$(date +%s.%N)
  cp "$WORK/$1.log" "$OUT_DIR/proxy-crates-io-$1.log"
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }'
}

count() {
  python3 - "$WORK/data/wharf.db" "$1" <<'EOF'
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])
EOF
}
log "fetching the first project through the proxy"
T1=$(fetch services)
C1=$(count "SELECT COUNT(*) FROM upstream_versions")
log "fetching the second project"
T2=$(fetch tools)
VERSIONS=$(count "SELECT COUNT(*) FROM upstream_versions")
NAMES=$(count "SELECT COUNT(*) FROM upstream_index_files WHERE body IS NOT NULL")
BYTES=$(count "SELECT COALESCE(SUM(crate_size), 0) FROM upstream_versions")
WITHHELD=$("$WHARF" --data-dir "$WORK/data" admin upstream list | grep -c '"withheld"' || true)
FLAGGED=$(count "SELECT COUNT(*) FROM upstream_versions WHERE verdict = 'flag'")
ERR1=$(grep -c "^error" "$WORK/services.log" || true)
ERR2=$(grep -c "^error" "$WORK/tools.log" || true)
{
  echo "# The proxy in front of crates.io ($(date -u +%Y-%m-%d), commit $COMMIT)"
  echo
  echo "- two projects fetched with \`cargo fetch --target $TARGET\` through one Wharf proxying sparse+https://index.crates.io/"
  echo "- first project: $C1 versions fetched, checked and scanned in ${T1} s; second: $((VERSIONS - C1)) more in ${T2} s"
  echo "- in all: $NAMES upstream crates judged by name, $VERSIONS versions ($BYTES bytes of .crate) scanned"
  echo "- withheld by the policy: $WITHHELD; flagged (served, noted): $FLAGGED; errors in cargo's output: $ERR1 and $ERR2"
  echo "- look-alikes served as of one family (the crate they resemble pulls them in, or an owner in common): $(grep -c "look-alike is served" "$WORK/serve.err" || true) ($(grep "look-alike is served" "$WORK/serve.err" | sed -n 's/.*name="\{0,1\}\([^ "]*\)"\{0,1\} resembles="\{0,1\}\([^ "]*\)"\{0,1\}.*/\1~\2/p' | sort -u | tr '\n' ' '))"
  echo
  "$WHARF" --data-dir "$WORK/data" admin upstream list | sed 's/^/    /'
} >"$OUT_DIR/proxy-crates-io.md"
cat "$OUT_DIR/proxy-crates-io.md"
