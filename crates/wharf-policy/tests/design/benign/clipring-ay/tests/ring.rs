use clipring_ay::guard::{classify, AddressKind, PasteGuard, Verdict};
use clipring_ay::source::{ClipSource, MemorySource};
use clipring_ay::{Ring, Settings};
use std::sync::Arc;
use std::time::Duration;

#[test]
fn dedup_and_capacity() {
    let ring = Ring::new(Settings { capacity: 3, ..Settings::default() });
    for t in ["a", "b", "b", "c", "d"] {
        ring.record(t);
    }
    let texts: Vec<String> = ring.entries().into_iter().map(|e| e.text).collect();
    assert_eq!(texts, ["d", "c", "b"]);
}

#[test]
fn pinned_survive() {
    let ring = Ring::new(Settings { capacity: 2, ..Settings::default() });
    ring.record("keep");
    ring.pin(0, true);
    ring.record("x");
    ring.record("y");
    assert!(ring.entries().iter().any(|e| e.text == "keep"));
}

#[test]
fn exclude_filter() {
    let ring = Ring::new(Settings {
        exclude: Some(Arc::new(|s: &str| s.starts_with("otp:"))),
        ..Settings::default()
    });
    assert!(!ring.record("otp:123456"));
    assert!(ring.record("hello"));
}

#[test]
fn watch_and_restore() {
    let ring = Ring::new(Settings::default());
    let w = ring.watch(Box::new(MemorySource::default()), Duration::from_millis(5));
    let src = w.source();
    src.write("first").unwrap();
    std::thread::sleep(Duration::from_millis(50));
    src.write("second").unwrap();
    std::thread::sleep(Duration::from_millis(50));
    drop(w);
    assert_eq!(ring.get(0).unwrap().text, "second");
    ring.restore(1, &*src).unwrap();
    assert_eq!(src.read().unwrap(), "first");
}

#[test]
fn guard_detects_swap() {
    let a = "0x0123456789abcdef0123456789abcdef01234567";
    let b = "0xFAKEFAKE".replace("K", "0") + &"0".repeat(32);
    assert_eq!(classify(a), Some(AddressKind::Evm));
    assert_eq!(classify(&b), Some(AddressKind::Evm));
    let mut g = PasteGuard::new();
    assert_eq!(g.check_text(a), Verdict::Unarmed);
    g.copied(a);
    assert_eq!(g.check_text(a), Verdict::Intact);
    assert!(matches!(g.check_text(&b), Verdict::Swapped { .. }));
    assert_eq!(g.check_text("some text"), Verdict::Changed);
}
