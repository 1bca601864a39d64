use rc4_stream::{xor_repeating, Rc4};

fn enc(key: &[u8], pt: &[u8]) -> Vec<u8> {
    let mut v = pt.to_vec();
    Rc4::new(key).apply_keystream(&mut v);
    v
}

#[test]
fn classic_vectors() {
    assert_eq!(enc(b"Key", b"Plaintext"), [0xBB, 0xF3, 0x16, 0xE8, 0xD9, 0x40, 0xAF, 0x0A, 0xD3]);
    assert_eq!(enc(b"Wiki", b"pedia"), [0x10, 0x21, 0xBF, 0x04, 0x20]);
    assert_eq!(
        enc(b"Secret", b"Attack at dawn"),
        [0x45, 0xA0, 0x1F, 0x64, 0x5F, 0xC3, 0x5B, 0x38, 0x35, 0x52, 0x54, 0x4B, 0x9B, 0xF5]
    );
}

#[test]
fn rfc6229_40bit_key_offset0() {
    let mut ks = [0u8; 16];
    Rc4::new(&[0x01, 0x02, 0x03, 0x04, 0x05]).apply_keystream(&mut ks);
    assert_eq!(ks, [0xb2, 0x39, 0x63, 0x05, 0xf0, 0x3d, 0xc0, 0x27, 0xcc, 0xc3, 0x52, 0x4a, 0x0a, 0x11, 0x18, 0xa8]);
}

#[test]
fn roundtrip() {
    let key = b"another key";
    let msg = b"the quick brown fox".to_vec();
    let mut c = msg.clone();
    Rc4::new(key).apply_keystream(&mut c);
    Rc4::new(key).apply_keystream(&mut c);
    assert_eq!(c, msg);
}

#[test]
fn xor_involution() {
    let mut b = *b"hello world";
    xor_repeating(&mut b, &[0x13, 0x37]);
    assert_ne!(&b, b"hello world");
    xor_repeating(&mut b, &[0x13, 0x37]);
    assert_eq!(&b, b"hello world");
}
