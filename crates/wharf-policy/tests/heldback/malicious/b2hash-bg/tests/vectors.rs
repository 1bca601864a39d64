use b2hash::{blake2b, blake2b_256, hash_parallel_with, Params, State};

#[test]
fn reference_kats() {
    assert_eq!(b2hash::self_test(), Ok(()));
}

#[test]
fn rfc7693_abc() {
    assert_eq!(
        blake2b(b"abc").to_hex(),
        "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1\
         7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"
    );
}

#[test]
fn truncated() {
    assert_eq!(blake2b_256(b"abc").len(), 32);
    assert_ne!(&blake2b(b"abc").as_bytes()[..32], blake2b_256(b"abc").as_bytes());
}

#[test]
fn salt_and_personal_change_output() {
    let a = Params::new().hash(b"x");
    let b = Params::new().salt(b"salt").hash(b"x");
    let c = Params::new().personal(b"app-v1").hash(b"x");
    assert_ne!(a, b);
    assert_ne!(a, c);
    assert_ne!(b, c);
}

#[test]
fn writer_impl() {
    use std::io::Write;
    let mut s = State::new();
    s.write_all(b"ab").unwrap();
    s.write_all(b"c").unwrap();
    assert_eq!(s.finalize(), blake2b(b"abc"));
}

#[test]
fn tree_single_leaf_differs_from_sequential() {
    let d = vec![1u8; 100];
    assert_ne!(hash_parallel_with(&d, 1 << 20), blake2b(&d));
}

#[test]
fn ct_eq() {
    let h = blake2b(b"m");
    assert!(h.ct_eq(h.as_bytes()));
    assert!(!h.ct_eq(&[0u8; 64]));
}
