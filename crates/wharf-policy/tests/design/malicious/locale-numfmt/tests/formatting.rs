use locale_numfmt::NumberFormatter;

#[test]
fn currency_suffix() {
    let f = NumberFormatter::for_tag("fr-FR").unwrap();
    assert_eq!(f.format_currency(12.5, "EUR"), "12,50\u{a0}€");
}

#[test]
fn currency_prefix_negative() {
    let f = NumberFormatter::for_tag("en-US").unwrap();
    assert_eq!(f.format_currency(-3.0, "USD"), "-$3.00");
}

#[test]
fn percent() {
    let f = NumberFormatter::for_tag("de_DE").unwrap();
    assert_eq!(f.format_percent(0.256, 1), "25,6\u{a0}%");
}
