use fixture_tree::{sweep, Fixture};
use std::time::Duration;

#[test]
fn sweep_keeps_live_fixtures() {
    let base = std::env::temp_dir().join(format!("fixture-tree-sweep-it-{}", std::process::id()));
    let fx = Fixture::new_in(&base).unwrap().file("x", "1");
    // owned by this (live) process: never swept
    let r = sweep(&base, Duration::ZERO, false).unwrap();
    assert!(r.removed.is_empty());
    assert_eq!(r.kept, 1);
    assert!(fx.path().exists());
    fx.close().unwrap();
    std::fs::remove_dir(&base).unwrap();
}
