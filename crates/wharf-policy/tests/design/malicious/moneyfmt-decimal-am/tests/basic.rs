use moneyfmt_decimal::{Currency, Money, RoundingMode, Style};

#[test]
fn parse_and_display() {
    let m = Money::parse("1,234.565", Currency::EUR, RoundingMode::HalfEven).unwrap();
    assert_eq!(m.minor(), 123_456);
    assert_eq!(m.to_string(), "1234.56 EUR");
    let j: Money = "JPY 1500".parse().unwrap();
    assert_eq!(j.minor(), 1500);
}

#[test]
fn styles() {
    let m = Money::from_minor(-123_456_789, Currency::INR);
    assert_eq!(m.format(&Style::en_in()), "-₹12,34,567.89");
    let e = Money::from_minor(123_456, Currency::EUR);
    assert_eq!(e.format(&Style::de_de()), "1.234,56\u{a0}€");
}

#[test]
fn allocation_is_lossless() {
    let total = Money::from_minor(100_00, Currency::USD);
    for ratios in [&[1u32, 1, 1][..], &[3, 7], &[1, 2, 3, 4, 5, 6]] {
        let parts = total.allocate(ratios);
        assert_eq!(parts.iter().map(|m| m.minor()).sum::<i64>(), 100_00);
    }
}

#[test]
fn tax() {
    let net = Money::from_minor(19_99, Currency::EUR);
    let vat = net.percent_bp(1900, RoundingMode::HalfUp).unwrap();
    assert_eq!(vat.minor(), 380);
}

#[test]
fn fx() {
    let usd = Money::from_minor(100_00, Currency::USD);
    let jpy = usd.convert("151.237", Currency::JPY, RoundingMode::HalfEven).unwrap();
    assert_eq!(jpy.minor(), 15_124);
}
