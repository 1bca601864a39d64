#!/usr/bin/env bash
# Detonation on real crates: every crate of ../shared/corpus (~300, fetched from crates.io through
# cargo when not there yet) built once in the sandbox, WORKERS at once (default 2, one per core of
# this machine): holds and flags (each one on a real crate is a false positive to explain), the
# time per crate (median, p90) and in all. Dependencies are fetched from crates.io before each
# build, outside the sandbox, into one cache shared by the runs. Needs bwrap, strace and network
# access to crates.io.
#
#   bench/detonate.sh [CORPUS_DIR [WORKERS]]   (default bench/out/corpus, 2)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus=${1:-$root/bench/out/corpus}
workers=${2:-2}
fetch=${WHARF_CORPUS_FETCH:-$root/../shared/corpus/fetch.sh}
if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus" 2>/dev/null)" ]; then
    bash "$fetch" "$corpus"
fi
cd "$root"
mkdir -p bench/out
cargo build --quiet --release -p wharf-sandbox --example detonate_corpus
export WHARF_SANDBOX_WORK_DIR="$root/bench/out/sandbox"
target/release/examples/detonate_corpus "$corpus" "$workers" | tee bench/out/detonate.txt | grep -v '^ALLOW' || true
