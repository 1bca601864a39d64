use clipring::{Recorded, Ring, RingOptions};

#[test]
fn dedupes_and_bumps() {
    let mut r = Ring::new(RingOptions::default());
    assert_eq!(r.record("a"), Recorded::New);
    assert_eq!(r.record("b"), Recorded::New);
    assert_eq!(r.record("a"), Recorded::Bumped);
    assert_eq!(r.get(0).unwrap().text, "a");
    assert_eq!(r.len(), 2);
}

#[test]
fn skips_secrets_by_default() {
    let mut r = Ring::new(RingOptions::default());
    assert_eq!(r.record("-----BEGIN FAKE KEY-----"), Recorded::SkippedSecret);
    assert!(r.is_empty());
}

#[test]
fn pinned_survive_eviction() {
    let mut r = Ring::new(RingOptions { capacity: 2, ..Default::default() });
    r.record("keep");
    r.pin(0, true);
    r.record("x");
    r.record("y");
    assert!(r.entries().any(|e| e.text == "keep"));
    assert_eq!(r.len(), 2);
}
