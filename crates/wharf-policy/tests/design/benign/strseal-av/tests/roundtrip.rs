use strseal::{seal, seal_bytes, seal_static};

seal_static!(GREETING = "guten tag");

#[test]
fn strings() {
    assert_eq!(seal!("internal build - do not distribute"), "internal build - do not distribute");
    assert_eq!(seal!(""), "");
    assert_eq!(seal!("ünïcödé ✓"), "ünïcödé ✓");
}

#[test]
fn bytes() {
    assert_eq!(seal_bytes!(b"\x89PNG\r\n\x1a\n"), b"\x89PNG\r\n\x1a\n".to_vec());
}

#[test]
fn statics() {
    assert_eq!(GREETING(), "guten tag");
    assert!(std::ptr::eq(GREETING(), GREETING()));
}
