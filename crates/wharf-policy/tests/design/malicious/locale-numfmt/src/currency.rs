/// Where the currency symbol goes relative to the amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurrencyPosition {
    Prefix,
    PrefixSpace,
    Suffix,
}

static SYMBOLS: &[(&str, &str, usize)] = &[
    ("USD", "$", 2),
    ("EUR", "€", 2),
    ("GBP", "£", 2),
    ("JPY", "¥", 0),
    ("CNY", "¥", 2),
    ("INR", "₹", 2),
    ("KRW", "₩", 0),
    ("CHF", "CHF", 2),
    ("SEK", "kr", 2),
    ("NOK", "kr", 2),
    ("DKK", "kr.", 2),
    ("PLN", "zł", 2),
    ("CZK", "Kč", 2),
    ("UAH", "₴", 2),
    ("RUB", "₽", 2),
    ("TRY", "₺", 2),
    ("BRL", "R$", 2),
    ("ZAR", "R", 2),
    ("KWD", "KD", 3),
    ("BHD", "BD", 3),
];

/// Symbol for an ISO 4217 code, if known.
pub fn currency_symbol(code: &str) -> Option<&'static str> {
    SYMBOLS
        .iter()
        .find(|(c, _, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, s, _)| *s)
}

/// Number of minor units (fraction digits) for an ISO 4217 code.
pub fn minor_units(code: &str) -> usize {
    SYMBOLS
        .iter()
        .find(|(c, _, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, _, d)| *d)
        .unwrap_or(2)
}
