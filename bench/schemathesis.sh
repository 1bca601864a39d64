#!/usr/bin/env bash
# Longer API conformance runs than CI's: schemathesis against a live Wharf (SQLite, and PostgreSQL
# when WHARF_TEST_DATABASE_URL is set), with more examples per operation and fresh seeds.
#
#   bench/schemathesis.sh [RUNS] [EXAMPLES]      (defaults: 5 runs of 300 examples)
#
# Each run prints its seed; a failing one is reproduced with
#   WHARF_SCHEMATHESIS_SEED=SEED WHARF_SCHEMATHESIS_MAX_EXAMPLES=N cargo test -p wharf --test openapi
# Results go in RELIABILITY.md ("API conformance").
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
examples="${2:-300}"

venv=target/ci-tools/schemathesis
# A virtual environment only works where it was made: one moved with `target/` is made again.
if ! "$venv/bin/st" --version >/dev/null 2>&1; then
    mkdir -p target/ci-tools
    python3 -m venv --clear "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==4.32.5"
fi
export WHARF_SCHEMATHESIS="$PWD/$venv/bin/st"
export WHARF_SCHEMATHESIS_MAX_EXAMPLES="$examples"

cargo test -p wharf --test openapi --no-run
failed=0
for run in $(seq 1 "$runs"); do
    seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
    echo "== run $run of $runs: seed $seed, $examples examples per operation"
    start=$(date +%s)
    if WHARF_SCHEMATHESIS_SEED="$seed" cargo test -q -p wharf --test openapi schemathesis -- --nocapture \
        >"target/schemathesis-$seed.log" 2>&1; then
        echo "   passed in $(( $(date +%s) - start )) s"
    else
        echo "   FAILED: see target/schemathesis-$seed.log"
        failed=$((failed + 1))
    fi
    grep -h "generated," "target/schemathesis-$seed.log" | sed 's/^/   /' || true
done
echo "== $failed of $runs runs failed"
[ "$failed" -eq 0 ]
