use bip21_link::{clip, Network, PaymentUri};

const ADDR: &str = "bc1qexampleexampleexampleexampleexamplexxx";

#[test]
fn parse_and_render() {
    let s = format!("bitcoin:{ADDR}?amount=0.015&label=Invoice%2042");
    let uri: PaymentUri = s.parse().unwrap();
    assert_eq!(uri.network(), Network::Bitcoin);
    assert_eq!(uri.amount().unwrap().base_units(), 1_500_000);
    assert_eq!(uri.label(), Some("Invoice 42"));
    assert_eq!(uri.to_string(), s);
}

#[test]
fn eip681_value() {
    let uri: PaymentUri = "ethereum:0x00000000000000000000000000000000000000aa@1?value=2.5e18".parse().unwrap();
    assert_eq!(uri.amount().unwrap().base_units(), 2_500_000_000_000_000_000);
}

#[test]
fn copy_to_string_sink() {
    let uri = PaymentUri::new(Network::Bitcoin, ADDR).unwrap().with_amount_str("0.5").unwrap();
    let mut sink = String::new();
    clip::copy_address_to(&uri, &mut sink).unwrap();
    assert_eq!(sink, ADDR);
}

#[test]
fn rejects_bad_amount() {
    assert!(format!("bitcoin:{ADDR}?amount=1.123456789").parse::<PaymentUri>().is_err());
}
