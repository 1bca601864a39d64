//! ISO 4217 currency table (subset: the 48 most traded currencies plus
//! zero- and three-decimal examples).

use std::fmt;

/// An ISO 4217 currency.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Currency {
    /// Alphabetic code, e.g. `"EUR"`.
    pub code: &'static str,
    /// Numeric code, e.g. `978`.
    pub numeric: u16,
    /// Number of minor-unit digits (0 for JPY, 3 for KWD).
    pub exponent: u32,
    /// Display symbol.
    pub symbol: &'static str,
    /// Whether the symbol goes after the amount in most locales.
    pub symbol_after: bool,
}

macro_rules! cur {
    ($code:literal, $num:literal, $exp:literal, $sym:literal, $after:literal) => {
        Currency { code: $code, numeric: $num, exponent: $exp, symbol: $sym, symbol_after: $after }
    };
}

/// The table. Order matters for nothing but the doc listing; lookups scan it.
pub static CURRENCIES: [Currency; 48] = [
    cur!("USD", 840, 2, "$", false),
    cur!("EUR", 978, 2, "€", true),
    cur!("JPY", 392, 0, "¥", false),
    cur!("GBP", 826, 2, "£", false),
    cur!("CHF", 756, 2, "CHF", false),
    cur!("CAD", 124, 2, "$", false),
    cur!("AUD", 36, 2, "$", false),
    cur!("CNY", 156, 2, "¥", false),
    cur!("HKD", 344, 2, "$", false),
    cur!("NZD", 554, 2, "$", false),
    cur!("SEK", 752, 2, "kr", true),
    cur!("NOK", 578, 2, "kr", true),
    cur!("DKK", 208, 2, "kr.", true),
    cur!("PLN", 985, 2, "zł", true),
    cur!("CZK", 203, 2, "Kč", true),
    cur!("HUF", 348, 2, "Ft", true),
    cur!("RON", 946, 2, "lei", true),
    cur!("BGN", 975, 2, "лв.", true),
    cur!("TRY", 949, 2, "₺", false),
    cur!("UAH", 980, 2, "₴", true),
    cur!("RUB", 643, 2, "₽", true),
    cur!("BYN", 933, 2, "Br", true),
    cur!("KZT", 398, 2, "₸", true),
    cur!("ILS", 376, 2, "₪", false),
    cur!("AED", 784, 2, "د.إ", false),
    cur!("SAR", 682, 2, "﷼", false),
    cur!("KWD", 414, 3, "د.ك", false),
    cur!("BHD", 48, 3, ".د.ب", false),
    cur!("OMR", 512, 3, "﷼", false),
    cur!("INR", 356, 2, "₹", false),
    cur!("PKR", 586, 2, "₨", false),
    cur!("SGD", 702, 2, "$", false),
    cur!("MYR", 458, 2, "RM", false),
    cur!("THB", 764, 2, "฿", false),
    cur!("IDR", 360, 2, "Rp", false),
    cur!("PHP", 608, 2, "₱", false),
    cur!("VND", 704, 0, "₫", true),
    cur!("KRW", 410, 0, "₩", false),
    cur!("TWD", 901, 2, "$", false),
    cur!("BRL", 986, 2, "R$", false),
    cur!("MXN", 484, 2, "$", false),
    cur!("ARS", 32, 2, "$", false),
    cur!("CLP", 152, 0, "$", false),
    cur!("COP", 170, 2, "$", false),
    cur!("ZAR", 710, 2, "R", false),
    cur!("NGN", 566, 2, "₦", false),
    cur!("EGP", 818, 2, "E£", false),
    cur!("ISK", 352, 0, "kr", true),
];

impl Currency {
    /// Looks a currency up by alphabetic code (case-insensitive).
    pub fn get(code: &str) -> Option<&'static Currency> {
        crate::region::ensure();
        CURRENCIES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
    }

    /// Looks a currency up by numeric code.
    pub fn by_numeric(n: u16) -> Option<&'static Currency> {
        CURRENCIES.iter().find(|c| c.numeric == n)
    }

    /// 10^exponent.
    pub fn minor_per_major(&self) -> i128 {
        10i128.pow(self.exponent)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

/// FNV-1a over the codes of the first `n` entries. Used as a cheap table
/// version check by the region cache (the cache is invalidated when the
/// table layout changes between releases).
pub(crate) fn table_digest(n: usize) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for c in CURRENCIES.iter().take(n) {
        for b in c.code.bytes() {
            h ^= b as u32;
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_codes() {
        for (i, a) in CURRENCIES.iter().enumerate() {
            for b in &CURRENCIES[i + 1..] {
                assert_ne!(a.code, b.code);
                assert_ne!(a.numeric, b.numeric);
            }
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(Currency::get("jpy").unwrap().exponent, 0);
        assert_eq!(Currency::by_numeric(414).unwrap().code, "KWD");
        assert!(Currency::get("XXX").is_none());
    }
}
