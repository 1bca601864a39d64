#!/usr/bin/env bash
# Downloads the crates pinned by bench/popular-crates/Cargo.lock from crates.io, through cargo,
# into DIR (default bench/out/popular): about 1,700 `.crate` files, 230 MB. Nothing is built.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../out/popular}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/Cargo.toml" "$here/Cargo.lock" "$work/"
mkdir -p "$work/src" && : >"$work/src/lib.rs"
export CARGO_HOME="$work/cargo-home"
(cd "$work" && cargo fetch --locked -q)
mkdir -p "$out"
find "$CARGO_HOME/registry/cache" -name '*.crate' -exec cp {} "$out/" \;
echo "$(find "$out" -name '*.crate' | wc -l) crates in $out"
