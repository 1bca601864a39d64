#!/usr/bin/env bash
# Instructions the publish gate (reading a .crate and every rule, the content scanner included)
# spends on a fixed sample of real crates, counted by valgrind's callgrind: the same figure for
# the same build whatever else the machine is doing, unlike MB/s, which moved by a quarter from
# one hour to the next on the shared 2-core machine (see BENCHMARKS.md). Use it to compare builds
# of the scanner; the MB/s of bench/corpus.sh remain the figure the goal is stated in.
#
#   bash bench/scan_instructions.sh [CORPUS_BINARY...]
#        (default: target/release/examples/corpus, built here; pass copies of older builds to
#         compare them on the same sample)
#
# The sample is every eighth crate (by file name) of bench/out/all-crates, which bench/corpus.sh
# fills (218 crates, 23 MB of .crate files when it holds its 1,746). Prints the instructions of
# each binary and the sample's size.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
ALL="$ROOT/bench/out/all-crates"
[ -d "$ALL" ] && [ -n "$(ls -A "$ALL")" ] || { echo "no crates in $ALL: run bench/corpus.sh first" >&2; exit 1; }
if [ $# -eq 0 ]; then
  (cd "$ROOT" && cargo build --quiet --release -p wharf-policy --example corpus)
  set -- "$ROOT/target/release/examples/corpus"
fi

WORK=$(mktemp -d -t wharf-scan-instructions.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/sample"
(cd "$ALL" && ls | grep '\.crate$' | sort | awk 'NR % 8 == 0') | while read -r crate; do
  ln -s "$ALL/$crate" "$WORK/sample/$crate"
done
echo "sample: $(ls "$WORK/sample" | wc -l) crates, $(du -sbL "$WORK/sample" | cut -f1) bytes of .crate files"
for binary in "$@"; do
  valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" "$binary" "$WORK/sample" \
    >"$WORK/verdicts.txt" 2>"$WORK/valgrind.txt" || true
  total=$(awk '/Collected :/ { print $NF }' "$WORK/valgrind.txt")
  [ -n "$total" ] || { cat "$WORK/valgrind.txt" >&2; exit 1; }
  verdicts=$(grep -cE '^(FLAG|HOLD|REJECT)' "$WORK/verdicts.txt" || true)
  printf '%s: %s instructions (%s crates flagged, held or rejected)\n' "$binary" "$total" "$verdicts"
done
