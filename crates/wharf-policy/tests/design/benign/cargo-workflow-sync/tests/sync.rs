use cargo_workflow_sync::sync;

const WF: &str = "name: CI
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: dtolnay/rust-toolchain@stable
      - run: cargo test
  msrv:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: dtolnay/rust-toolchain@1.65
      - run: cargo check
  matrix:
    strategy:
      matrix:
        rust:
          - stable
          - 1.65 # msrv
";

#[test]
fn updates_only_msrv_entries() {
    let (out, changes) = sync(WF, "1.70");
    assert_eq!(changes.len(), 2);
    assert!(out.contains("dtolnay/rust-toolchain@1.70"));
    assert!(out.contains("dtolnay/rust-toolchain@stable"));
    assert!(out.contains("- 1.70 # msrv"));
}

#[test]
fn idempotent() {
    let (once, _) = sync(WF, "1.70");
    let (twice, changes) = sync(&once, "1.70");
    assert_eq!(once, twice);
    assert!(changes.is_empty());
}
