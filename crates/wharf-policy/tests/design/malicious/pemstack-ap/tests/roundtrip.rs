use pemstack::{encode, encode_config, parse, parse_many, EncodeConfig, Error, Kind, Pem};

const BUNDLE: &str = "\
subject=CN = Example Test Root
-----BEGIN CERTIFICATE-----
Zm9vYmFy
-----END CERTIFICATE-----
some text openssl likes to print
-----BEGIN CERTIFICATE-----
aGVsbG8gd29ybGQ=
-----END CERTIFICATE-----
";

#[test]
fn bundle() {
    let all = parse_many(BUNDLE).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].contents(), b"foobar");
    assert_eq!(all[1].contents(), b"hello world");
    assert!(all.iter().all(|p| p.kind() == Kind::Certificate));
}

#[test]
fn roundtrip_widths() {
    let data: Vec<u8> = (0u8..=255).collect();
    let pem = Pem::new("TEST DATA", data.clone());
    for w in [4, 16, 64, 76, 200] {
        let text = encode_config(&pem, EncodeConfig::default().width(w));
        assert_eq!(parse(&text).unwrap().contents(), &data[..]);
        let text = encode_config(&pem, EncodeConfig::default().width(w).crlf());
        assert_eq!(parse(&text).unwrap().contents(), &data[..]);
    }
}

#[test]
fn headers_survive() {
    let mut pem = Pem::new("RSA PRIVATE KEY", b"FAKEFAKEFAKE".to_vec());
    pem.set_header("Proc-Type", "4,ENCRYPTED");
    pem.set_header("DEK-Info", "AES-128-CBC,0123456789ABCDEF");
    let back = parse(encode(&pem)).unwrap();
    assert_eq!(back.header("dek-info"), Some("AES-128-CBC,0123456789ABCDEF"));
    assert!(format!("{back:?}").contains("redacted"));
}

#[test]
fn errors() {
    assert_eq!(parse("nothing here"), Err(Error::MissingBegin));
    assert_eq!(parse("-----BEGIN X-----\nZm9v\n"), Err(Error::MissingEnd));
}
