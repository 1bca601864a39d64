use decimal_fixed::{Decimal, RoundingStrategy};

#[test]
fn add_mul() {
    let a: Decimal = "19.99".parse().unwrap();
    assert_eq!((a * Decimal::new(3, 0)).to_string(), "59.97");
    assert_eq!((a + Decimal::new(1, 2)).to_string(), "20.00");
}

#[test]
fn rounding() {
    let d: Decimal = "2.345".parse().unwrap();
    assert_eq!(d.round_dp(2).to_string(), "2.34");
    assert_eq!(d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero).to_string(), "2.35");
}
