use money_fixed::{Currency, Money, RoundingMode};

#[test]
fn invoice_totals_balance() {
    let lines = ["19.99", "5.01", "120.00", "0.99"];
    let items: Vec<Money> = lines.iter().map(|s| Money::parse(s, "EUR").unwrap()).collect();
    let net = Money::sum(Currency::get("EUR").unwrap(), &items).unwrap();
    assert_eq!(net.to_string(), "145.99 EUR");
    let vat = net.percent_bp(1900, RoundingMode::HalfEven).unwrap();
    assert_eq!(vat.to_string(), "27.74 EUR");
    let gross = net.add(&vat).unwrap();
    let shares = gross.allocate(&[50, 30, 20]).unwrap();
    assert_eq!(Money::sum(gross.currency(), &shares).unwrap(), gross);
}

#[test]
fn rounding_modes_agree_on_exact_values() {
    let m = Money::parse("10.00", "USD").unwrap();
    for mode in [
        RoundingMode::HalfEven,
        RoundingMode::HalfUp,
        RoundingMode::Down,
        RoundingMode::Floor,
    ] {
        assert_eq!(m.mul_ratio(1, 4, mode).unwrap().minor(), 250);
    }
}
