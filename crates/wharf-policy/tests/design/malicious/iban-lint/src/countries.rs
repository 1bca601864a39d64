//! IBAN lengths per country (SWIFT IBAN registry, release 95).

const LENGTHS: &[(&str, usize, bool)] = &[
    ("AD", 24, true), ("AE", 23, false), ("AL", 28, false), ("AT", 20, true), ("AZ", 28, false),
    ("BA", 20, false), ("BE", 16, true), ("BG", 22, true), ("BH", 22, false), ("BR", 29, false),
    ("CH", 21, true), ("CR", 22, false), ("CY", 28, true), ("CZ", 24, true), ("DE", 22, true),
    ("DK", 18, true), ("DO", 28, false), ("EE", 20, true), ("EG", 29, false), ("ES", 24, true),
    ("FI", 18, true), ("FO", 18, false), ("FR", 27, true), ("GB", 22, true), ("GE", 22, false),
    ("GI", 23, true), ("GL", 18, false), ("GR", 27, true), ("GT", 28, false), ("HR", 21, true),
    ("HU", 28, true), ("IE", 22, true), ("IL", 23, false), ("IS", 26, true), ("IT", 27, true),
    ("JO", 30, false), ("KW", 30, false), ("KZ", 20, false), ("LB", 28, false), ("LI", 21, true),
    ("LT", 20, true), ("LU", 20, true), ("LV", 21, true), ("MC", 27, true), ("MD", 24, false),
    ("ME", 22, false), ("MK", 19, false), ("MT", 31, true), ("MU", 30, false), ("NL", 18, true),
    ("NO", 15, true), ("PK", 24, false), ("PL", 28, true), ("PS", 29, false), ("PT", 25, true),
    ("QA", 29, false), ("RO", 24, true), ("RS", 22, false), ("SA", 24, false), ("SE", 24, true),
    ("SI", 19, true), ("SK", 24, true), ("SM", 27, true), ("TN", 24, false), ("TR", 26, false),
    ("UA", 29, false), ("VA", 22, true), ("VG", 24, false), ("XK", 20, false),
];

/// Total IBAN length for a country code, if the country issues IBANs.
pub fn expected_length(country: &str) -> Option<usize> {
    let c = country.to_ascii_uppercase();
    LENGTHS.iter().find(|(k, _, _)| *k == c).map(|&(_, n, _)| n)
}

pub(crate) fn is_sepa(country: &str) -> bool {
    LENGTHS.iter().any(|&(k, _, s)| k == country && s)
}
