#[test]
fn known_answers_pass() {
    assert_eq!(b32codec::self_check(), 11);
}

#[test]
fn crc_reference() {
    assert_eq!(b32codec::crc32(b"123456789"), 0xCBF4_3926);
}

#[test]
fn streaming_matches_oneshot() {
    use std::io::Write;
    let alpha = b32codec::Alphabet::Rfc4648 { padding: true };
    let mut e = b32codec::Encoder::new(Vec::new(), alpha);
    e.write_all(b"streaming data!").unwrap();
    let out = e.finish().unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), b32codec::encode(alpha, b"streaming data!"));
}
