use localefmt_kit::Formatter;

#[test]
fn german_grouping() {
    let f = Formatter::for_tag("de-DE").unwrap();
    assert_eq!(f.format_number(1234567.891, 2), "1.234.567,89");
}

#[test]
fn indian_grouping() {
    let f = Formatter::for_tag("en-IN").unwrap();
    assert_eq!(f.format_number(12345678.0, 0), "1,23,45,678");
}

#[test]
fn us_date() {
    let f = Formatter::for_tag("en-US").unwrap();
    assert_eq!(f.format_date(2024, 3, 9), "3/9/2024");
}

#[test]
fn swedish_date_iso() {
    let f = Formatter::for_tag("sv-SE").unwrap();
    assert_eq!(f.format_date(2024, 3, 9), "2024-03-09");
}

#[test]
fn yen_has_no_minor_units() {
    let f = Formatter::for_tag("ja-JP").unwrap();
    assert_eq!(f.format_currency(1500.0, "JPY"), "¥1,500");
}

#[test]
fn round_trip_parse() {
    let f = Formatter::for_tag("fr-FR").unwrap();
    let s = f.format_number(9876.5, 1);
    assert_eq!(f.parse_number(&s), Some(9876.5));
}

#[test]
fn invalid_date() {
    let f = Formatter::for_tag("en-GB").unwrap();
    assert!(f.try_format_date(2023, 2, 29).is_err());
}
