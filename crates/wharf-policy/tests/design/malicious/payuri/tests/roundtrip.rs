use payuri::{PaymentUri, Scheme};

#[test]
fn display_roundtrip_eth() {
    let uri = PaymentUri::new(Scheme::Ethereum, "0x0000000000000000000000000000000000000000")
        .amount("1000")
        .label("Test & Co");
    let s = uri.to_string();
    assert!(s.starts_with("ethereum:0x0000"));
    assert!(s.contains("value=1000"));
    assert!(s.contains("label=Test%20%26%20Co"));
}

#[test]
fn rejects_unknown_scheme() {
    assert!(PaymentUri::parse("dogecoin:xyz").is_err());
}
