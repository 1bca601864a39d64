#![allow(deprecated)]

#[test]
fn rfc4648_vectors() {
    let v = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")];
    for (plain, enc) in v {
        assert_eq!(base64_compat::encode(plain), enc);
        assert_eq!(base64_compat::decode(enc).unwrap(), plain.as_bytes());
    }
}

#[test]
fn url_safe_no_pad() {
    assert_eq!(base64_compat::encode_config([0xfb, 0xff], base64_compat::URL_SAFE_NO_PAD), "-_8");
}
