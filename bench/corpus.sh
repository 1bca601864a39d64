#!/usr/bin/env bash
# The publish gate on real crates: downloads ~300 popular crates from crates.io (through
# ../shared/corpus/fetch.sh) and runs the gate over them, content scanner included, on one core,
# reporting verdicts (expect zero rejects and zero holds), flags with reasons, throughput and the
# slowest crate; then the typosquat check over the same names. Needs network access to crates.io
# unless the corpus is already there (a directory of .crate files as the first argument, e.g.
# /work/corpus).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus=${1:-$root/bench/out/corpus}
fetch=${WHARF_CORPUS_FETCH:-$root/../shared/corpus/fetch.sh}
if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus" 2>/dev/null)" ]; then
    bash "$fetch" "$corpus"
fi
cd "$root"
mkdir -p bench/out
cargo build --quiet --release -p wharf-policy --example corpus --example typosquat_corpus
# One core, as the figures in BENCHMARKS.md are measured (when taskset is there).
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
"${pin[@]}" target/release/examples/corpus "$corpus" | tee bench/out/corpus.txt | grep -v '^ALLOW'
cargo run --quiet --release -p wharf-policy --example typosquat_corpus -- "$corpus" | tail -n 40
