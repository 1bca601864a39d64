#!/usr/bin/env bash
# Upgrade check: an earlier Wharf binary ($OLD) creates a registry and publishes a crate with
# keywords and a category through cargo; the new one ($NEW, default target/debug/wharf) migrates it
# on start, and the script prints what the new API says of it. Build the earlier one from a
# worktree, e.g. `git worktree add /tmp/base REV && (cd /tmp/base && cargo build -p wharf)`.
# Usage: OLD=/tmp/base/target/debug/wharf bash bench/upgrade.sh sqlite|postgres
set -euo pipefail
# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
export WHARF_DETONATE="${WHARF_DETONATE:-off}"
OLD=${OLD:?set OLD to the earlier wharf binary}
NEW=${NEW:-$(cd "$(dirname "$0")/.." && pwd)/target/debug/wharf}
W=$(mktemp -d)
DB=()
if [ "$1" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS migcheck" postgres
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE migcheck" postgres
  DB=(--database-url postgres://postgres@127.0.0.1:5432/migcheck)
fi
start() { "$1" --data-dir "$W/data" "${DB[@]}" serve --listen 127.0.0.1:48999 > "$W/out.$2" 2> "$W/err.$2" & echo $! > "$W/pid"; sleep 2; }
start "$OLD" old
"$OLD" --data-dir "$W/data" "${DB[@]}" user add alice --email alice@example.org 2>/dev/null
TOKEN=$("$OLD" --data-dir "$W/data" "${DB[@]}" token new alice)
mkdir -p "$W/home" "$W/p/src"
printf '[registries.wharf]\nindex = "sparse+http://127.0.0.1:48999/index/"\n[registry]\nglobal-credential-providers = ["cargo:token"]\n' > "$W/home/config.toml"
printf '[package]\nname = "upgraded"\nversion = "1.0.0"\nedition = "2021"\ndescription = "x"\nlicense = "MIT"\nkeywords = ["Legacy"]\ncategories = ["caching"]\n' > "$W/p/Cargo.toml"
echo 'pub fn f() -> u32 { 1 }' > "$W/p/src/lib.rs"
(cd "$W/p" && CARGO_HOME="$W/home" CARGO_REGISTRIES_WHARF_TOKEN="$TOKEN" cargo publish -q --registry wharf --allow-dirty --no-verify)
kill "$(cat "$W/pid")"; sleep 1
start "$NEW" new
curl -fsS -A t http://127.0.0.1:48999/api/v1/keywords/legacy; echo
curl -fsS -A t http://127.0.0.1:48999/api/v1/categories/caching | head -c 200; echo
curl -fsS -A t http://127.0.0.1:48999/api/v1/crates/upgraded/1.0.0 | python3 -c 'import json,sys; v=json.load(sys.stdin)["version"]; print("has_lib", v["has_lib"], "bin_names", v["bin_names"], "actions", [a["action"] for a in v["audit_actions"]])'
curl -fsS http://127.0.0.1:48999/index/up/gr/upgraded | head -c 80; echo
# Crates from before the full-text index (migration 0012) are found through it.
curl -fsS -A t 'http://127.0.0.1:48999/api/v1/crates?q=upgrading+legacy' | python3 -c 'import json,sys; print("search finds", [c["name"] for c in json.load(sys.stdin)["crates"]])'
kill "$(cat "$W/pid")"
grep -i "error\|panic" "$W/err.new" || echo "new server: no errors"
