use secretcell::{ExposeSecret, SecretBytes, SecretString};

#[test]
fn debug_is_redacted() {
    let s = SecretString::new("hunter2".to_owned());
    assert_eq!(format!("{s:?}"), "Secret([REDACTED alloc::string::String])");
    assert_eq!(s.expose_secret(), "hunter2");
}

#[test]
fn bytes_roundtrip() {
    let b = SecretBytes::new(vec![1, 2, 3]);
    assert_eq!(b.expose_secret().as_slice(), &[1, 2, 3]);
}

#[cfg(feature = "serde")]
#[test]
fn deserializes() {
    let s: SecretString = serde_json::from_str("\"abc\"").unwrap();
    assert_eq!(s.expose_secret(), "abc");
}
