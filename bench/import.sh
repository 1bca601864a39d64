#!/usr/bin/env bash
# `wharf import` of a directory of .crate files (issue #17), into a fresh SQLite registry (and a
# PostgreSQL one when WHARF_TEST_DATABASE_URL is set): the time and rate of the import, the same
# import run again (it should import nothing), then, through a running server, that every file's
# version is in the index and downloads byte for byte as the file.
#
#   bash bench/import.sh DIR          (e.g. the corpus: bash ../shared/corpus/fetch.sh DIR first)
#
# SKIP_BUILD=1 uses the existing release binary.
set -euo pipefail
# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
export WHARF_DETONATE="${WHARF_DETONATE:-off}"
DIR=$(cd "${1:?usage: bench/import.sh DIR}" && pwd)
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ "${SKIP_BUILD:-0}" = 1 ] || (cd "$ROOT" && cargo build --release -p wharf)
WHARF="$ROOT/target/release/wharf"
WORK=$(mktemp -d)
SERVER=""
PG_DB=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  [ -n "$PG_DB" ] && psql -q "${WHARF_TEST_DATABASE_URL%/*}/postgres" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

run() {
  local label=$1 url=$2 data="$WORK/$1"
  mkdir -p "$data"
  local wharf=("$WHARF" --data-dir "$data" --database-url "$url")
  "${wharf[@]}" migrate >/dev/null 2>&1
  "${wharf[@]}" user add importer --email importer@example.org >/dev/null 2>&1
  echo "== $label: $(find "$DIR" -name '*.crate' | wc -l) files"
  "${wharf[@]}" import --owner importer --json "$DIR" >"$WORK/first.json" || true
  "${wharf[@]}" import --owner importer --json "$DIR" >"$WORK/again.json" || true
  "${wharf[@]}" serve --listen 127.0.0.1:0 >"$data/out" 2>"$data/err" &
  SERVER=$!
  for _ in $(seq 300); do grep -q listening "$data/out" 2>/dev/null && break; sleep 0.1; done
  python3 - "$WORK/first.json" "$WORK/again.json" "$(grep -o 'http://127.0.0.1:[0-9]*' "$data/out")" "$DIR" <<'PY'
import hashlib, json, os, sys, tarfile, tomllib, urllib.request
first, again = (json.load(open(path)) for path in sys.argv[1:3])
url, directory = sys.argv[3], sys.argv[4]
def index_path(name):
    name = name.lower()
    if len(name) <= 2: return f"{len(name)}/{name}"
    if len(name) == 3: return f"3/{name[0]}/{name}"
    return f"{name[:2]}/{name[2:4]}/{name}"
checked = missing = differing = 0
refused = {r["file"] for r in first["refused"]}
files = sorted(os.path.join(root, f) for root, _, names in os.walk(directory) for f in names)
for path in files:
    if not path.endswith(".crate") or path in refused:
        continue
    with tarfile.open(path) as archive:
        manifest = next(m for m in archive.getmembers() if m.name.count("/") == 1 and m.name.endswith("/Cargo.toml"))
        package = tomllib.load(archive.extractfile(manifest))["package"]
    name, version = package["name"], package["version"]
    lines = urllib.request.urlopen(f"{url}/index/{index_path(name)}").read().decode().splitlines()
    if not any(json.loads(line)["vers"] == version for line in lines):
        missing += 1
        continue
    served = urllib.request.urlopen(f"{url}/api/v1/crates/{name}/{version}/download").read()
    differing += hashlib.sha256(served).digest() != hashlib.sha256(open(path, "rb").read()).digest()
    checked += 1
print(json.dumps({
    "import": {k: first[k] for k in ("files", "imported", "held", "already_there", "seconds", "files_per_second")},
    "refused": first["refused"],
    "again": {k: again[k] for k in ("imported", "already_there", "seconds")},
    "served": {"checked": checked, "missing_from_index": missing, "downloads_differing": differing},
}, indent=1))
PY
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
}

run sqlite "sqlite://$WORK/sqlite/wharf.db"
if [ -n "${WHARF_TEST_DATABASE_URL:-}" ]; then
  PG_DB="wharf_import_bench_$$"
  psql -q "${WHARF_TEST_DATABASE_URL%/*}/postgres" -c "CREATE DATABASE $PG_DB"
  run postgres "${WHARF_TEST_DATABASE_URL%/*}/$PG_DB"
fi
