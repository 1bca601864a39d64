//! Write a starter CI workflow into a repository.
//!
//!     cargo run --example scaffold -- path/to/repo [--force]
//!
//! Creates `<repo>/.github/workflows/rust.yml`. Refuses to overwrite an
//! existing file unless `--force` is given.

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

const TEMPLATE: &str = r#"name: Rust

on:
  push:
    branches: [main]
    tags: ["v*"]
  pull_request:

permissions:
  contents: read

env:
  CARGO_TERM_COLOR: always

jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - uses: dtolnay/rust-toolchain@stable
      - run: cargo test --all-features

  publish:
    if: startsWith(github.ref, 'refs/tags/v')
    needs: test
    runs-on: ubuntu-latest
    environment: release
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - uses: dtolnay/rust-toolchain@stable
      - run: cargo publish
        env:
          CARGO_REGISTRY_TOKEN: ${{ secrets.CARGO_REGISTRY_TOKEN }}
"#;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(repo) = args.next().map(PathBuf::from) else {
        eprintln!("usage: scaffold <repo-dir> [--force]");
        return ExitCode::from(2);
    };
    let force = args.any(|a| a == "--force");

    let path = repo.join(".github").join("workflows").join("rust.yml");
    if path.exists() && !force {
        eprintln!("{} exists; pass --force to overwrite", path.display());
        return ExitCode::from(1);
    }
    if let Err(e) = fs::create_dir_all(path.parent().unwrap()).and_then(|_| fs::write(&path, TEMPLATE)) {
        eprintln!("writing {}: {e}", path.display());
        return ExitCode::from(1);
    }
    println!("wrote {}", path.display());
    println!("review it, then commit it yourself: git add {}", path.display());
    ExitCode::SUCCESS
}
