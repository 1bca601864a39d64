#!/usr/bin/env bash
# The publish gate on real crates: downloads ~300 popular crates from crates.io (through
# ../shared/corpus/fetch.sh) and runs the gate over them, reporting verdicts (expect zero rejects and
# zero holds), flags with reasons, and the gate's cost per crate; then the typosquat check over the
# same names. Needs network access to crates.io.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus=${1:-$root/bench/out/corpus}
fetch=${WHARF_CORPUS_FETCH:-$root/../shared/corpus/fetch.sh}
if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus" 2>/dev/null)" ]; then
    bash "$fetch" "$corpus"
fi
cd "$root"
cargo run --quiet --release -p wharf-policy --example corpus -- "$corpus" | tee bench/out/corpus.txt | grep -v '^ALLOW'
cargo run --quiet --release -p wharf-policy --example typosquat_corpus -- "$corpus" | tail -n 40
