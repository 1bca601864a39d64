#!/usr/bin/env bash
# The publish gate on real crates: the ~300 crates named by ../shared/corpus/fetch.sh and the
# ~1,700 pinned by bench/popular-crates/Cargo.lock, downloaded from crates.io through cargo, run
# through the gate (content scanner included) on one core: verdicts (expect no reject and no hold,
# and at most 1 % flagged), flags with reasons, throughput and the slowest crate; then the
# typosquat check over the shared corpus's names. Needs network access to crates.io unless the
# corpora are already there:
#
#   bench/corpus.sh [SHARED_DIR [POPULAR_DIR]]   (defaults bench/out/corpus, bench/out/popular)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus=${1:-$root/bench/out/corpus}
popular=${2:-$root/bench/out/popular}
fetch=${WHARF_CORPUS_FETCH:-$root/../shared/corpus/fetch.sh}
if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus" 2>/dev/null)" ]; then
    bash "$fetch" "$corpus"
fi
if [ ! -d "$popular" ] || [ -z "$(ls -A "$popular" 2>/dev/null)" ]; then
    bash "$here/popular-crates/fetch.sh" "$popular"
fi
# Both sets in one directory, each crate once (the file names carry name and version).
all="$root/bench/out/all-crates"
rm -rf "$all" && mkdir -p "$all"
# Two copies: one `cp` of both would refuse a name it has just created.
cp "$popular"/*.crate "$all/"
cp "$corpus"/*.crate "$all/"
echo "$(find "$all" -name '*.crate' | wc -l) distinct crates"
cd "$root"
mkdir -p bench/out
cargo build --quiet --release -p wharf-policy --example corpus --example typosquat_corpus
# One core, as the figures in BENCHMARKS.md are measured (when taskset is there).
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
"${pin[@]}" target/release/examples/corpus "$all" | tee bench/out/corpus.txt | grep -v '^ALLOW'
cargo run --quiet --release -p wharf-policy --example typosquat_corpus -- "$corpus" | tail -n 40
