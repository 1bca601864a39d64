use halcyon_ledger_types::{Currency, Money, MoneyError, TxnRef};

fn usd() -> &'static Currency {
    Currency::from_code("usd").unwrap()
}

#[test]
fn parse_and_display() {
    let m: Money = "USD 12.5".parse().unwrap();
    assert_eq!(m.minor(), 1250);
    assert_eq!(m.to_string(), "USD 12.50");
    let j: Money = "1500 JPY".parse().unwrap();
    assert_eq!(j.to_string(), "JPY 1500");
    let k: Money = "KWD -1.005".parse().unwrap();
    assert_eq!(k.to_string(), "KWD -1.005");
}

#[test]
fn precision() {
    assert_eq!("USD 1.005".parse::<Money>(), Err(MoneyError::Precision { allowed: 2 }));
}

#[test]
fn allocation_sums() {
    let m = Money::from_minor(100, usd());
    let parts = m.allocate(&[1, 1, 1]).unwrap();
    assert_eq!(parts.iter().map(|p| p.minor()).collect::<Vec<_>>(), vec![34, 33, 33]);
}

#[test]
fn mismatch() {
    let eur = Currency::from_code("EUR").unwrap();
    assert!(Money::zero(usd()).checked_add(Money::zero(eur)).is_err());
}

#[test]
fn common_tiers_cover_common() {
    assert_eq!(Currency::common_tiers().iter().sum::<usize>(), Currency::common().len());
    assert_eq!(Currency::common()[0].code, "USD");
}

#[test]
fn txnref_roundtrip() {
    let r = TxnRef::new();
    assert_eq!(TxnRef::parse(&r.to_string()), Some(r));
}
