#!/usr/bin/env bash
# Builds and runs Wharf's fuzz targets (cargo-fuzz, libFuzzer) on the stable toolchain. See
# RELIABILITY.md ("Fuzzing") for what each target checks and what was found.
#
#   fuzz/run.sh [TARGET|all] [SECONDS]   fuzz for SECONDS (default 60) each, one after another
#   fuzz/run.sh check [TARGET|all]       replay the committed corpus once and stop (what CI runs)
#   fuzz/run.sh merge [TARGET|all]       add what runs found that adds coverage to fuzz/corpus
#   fuzz/run.sh seed [CRATE_DIR...]      seed fuzz/corpus from the test fixtures and real crates
#   fuzz/run.sh list                     the targets
#
# A run reads the committed corpus (fuzz/corpus/TARGET) and writes what it finds to a working
# corpus (fuzz/target/work/TARGET), so that hours of fuzzing do not grow the committed one; `merge`
# keeps only inputs that add coverage. A crash, a failed assertion, a timeout or running out of
# memory stops the run, leaves the input in fuzz/artifacts/TARGET/ and makes this script fail.
# The log of a run is fuzz/target/logs/TARGET.log. Reproduce a failure with
#   fuzz/run.sh check TARGET    (after copying the input into fuzz/corpus/TARGET)
#
# Fuzzing runs under `nice -n 19`. Knobs: CARGO_BUILD_JOBS (default 1); FUZZ_SANITIZER=address or
# none, for every target (default: per target, see `sanitizer`).
set -euo pipefail
cd "$(dirname "$0")"

# cargo-fuzz passes -Z flags to rustc (sanitizers, coverage instrumentation); the stable compiler
# accepts them with this set, so no nightly toolchain is needed.
export RUSTC_BOOTSTRAP=1
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
TARGETS=(publish_frame tarball tarball_tar manifest index_line scanner)

# AddressSanitizer checks the unsafe code of the dependencies (Wharf's own crates have none): it
# matters most where bytes meet zlib-rs and serde_json. The scanner (alone, or behind the
# publish gate) runs 5 to 10 times slower under it — syn allocates on every level of its
# recursion and the sanitizer records a stack trace for each allocation — so those targets run
# without it, and get that many more executions.
sanitizer() {
    if [ -n "${FUZZ_SANITIZER:-}" ]; then
        echo "$FUZZ_SANITIZER"
        return
    fi
    case "$1" in
        scanner | publish_frame) echo none ;;
        *) echo address ;;
    esac
}

# How cargo-fuzz builds a target. Each sanitizer gets a target directory of its own, so that
# switching does not rebuild everything. `--no-cfg-fuzzing`: under `cfg(fuzzing)`, which
# cargo-fuzz sets by default, proc-macro2 keeps no source map, every line `syn` reports would be 0
# and the scanner would not run as it does in production.
fuzz_flags() {
    local san
    san=$(sanitizer "$1")
    echo --no-cfg-fuzzing --sanitizer "$san" --target-dir "target/$san"
}

# Largest input libFuzzer makes, per target: enough for the inputs each parses in practice (a
# small .crate file, a manifest, a source file), small enough to mutate quickly.
max_len() {
    case "$1" in
        tarball) echo 65536 ;;
        tarball_tar | publish_frame) echo 131072 ;;
        index_line) echo 16384 ;;
        *) echo 65536 ;;
    esac
}

# libFuzzer options for every run: -timeout turns a slow input (a parser gone quadratic) into a
# failure; memory over -rss_limit_mb is one too.
lib_flags() {
    local target=$1
    local opts=(-rss_limit_mb=2048 -timeout=60 "-max_len=$(max_len "$target")")
    if [ -f "dict/$target.dict" ]; then
        opts+=("-dict=dict/$target.dict")
    fi
    echo "${opts[@]}"
}

select_targets() {
    if [ -z "${1:-}" ] || [ "$1" = all ]; then
        echo "${TARGETS[@]}"
    elif [[ " ${TARGETS[*]} " == *" $1 "* ]]; then
        echo "$1"
    else
        echo "unknown target $1 (one of: ${TARGETS[*]}, all)" >&2
        exit 2
    fi
}

# fuzz TARGET DIR... -- LIBFUZZER-FLAGS: builds TARGET if needed and runs libFuzzer on it.
fuzz() {
    local target=$1
    shift
    # shellcheck disable=SC2046
    nice -n 19 cargo fuzz run $(fuzz_flags "$target") "$target" "$@"
}

cmd=${1:-all}
case "$cmd" in
    list)
        printf '%s\n' "${TARGETS[@]}"
        ;;
    check)
        for target in $(select_targets "${2:-all}"); do
            echo "== $target: replaying $(find "corpus/$target" -type f | wc -l) inputs"
            mkdir -p target/logs
            log="target/logs/$target.check.log"
            # -runs=0: run every input of the corpus once, then stop.
            # shellcheck disable=SC2046
            if ! fuzz "$target" "corpus/$target" -- $(lib_flags "$target") -runs=0 >"$log" 2>&1; then
                tail -n 40 "$log" >&2
                echo "== $target: FAILED (log: fuzz/$log)" >&2
                exit 1
            fi
            grep -E '^(Done|INFO: seed corpus)' "$log" || true
        done
        ;;
    merge)
        for target in $(select_targets "${2:-all}"); do
            [ -d "target/work/$target" ] || continue
            # shellcheck disable=SC2046
            fuzz "$target" "corpus/$target" "target/work/$target" -- \
                $(lib_flags "$target") -set_cover_merge=1
        done
        ;;
    seed)
        shift
        cargo run --release --example seeds -- target/seeds "$@"
        for target in "${TARGETS[@]}"; do
            mkdir -p "corpus/$target"
            # shellcheck disable=SC2046
            fuzz "$target" "corpus/$target" "target/seeds/$target" -- \
                $(lib_flags "$target") -set_cover_merge=1
        done
        ;;
    *)
        seconds=${2:-60}
        for target in $(select_targets "$cmd"); do
            mkdir -p "target/work/$target" target/logs
            log="target/logs/$target.log"
            echo "== $target: fuzzing for $seconds s ($(sanitizer "$target") sanitizer; log: fuzz/$log)"
            # shellcheck disable=SC2046
            if ! fuzz "$target" "target/work/$target" "corpus/$target" -- \
                $(lib_flags "$target") -print_final_stats=1 "-max_total_time=$seconds" >"$log" 2>&1; then
                tail -n 40 "$log" >&2
                echo "== $target: FAILED; the input is in fuzz/artifacts/$target/" >&2
                exit 1
            fi
            grep -E '^(Done|stat::)' "$log" || true
        done
        ;;
esac
