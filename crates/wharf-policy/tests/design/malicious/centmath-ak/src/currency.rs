//! ISO 4217 currency table.

use std::collections::HashMap;
use std::fmt;
use std::sync::{OnceLock, RwLock};

/// A currency: alphabetic code plus number of minor-unit digits.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Currency {
    code: [u8; 3],
    exponent: u8,
}

impl Currency {
    pub const fn new_static(code: &[u8; 3], exponent: u8) -> Currency {
        Currency { code: *code, exponent }
    }

    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.code).unwrap_or("???")
    }

    /// Digits after the decimal point (2 for EUR, 0 for JPY, 3 for KWD).
    pub fn exponent(&self) -> u8 {
        self.exponent
    }

    /// 10^exponent, i.e. how many minor units make one major unit.
    pub fn scale(&self) -> i64 {
        10i64.pow(self.exponent as u32)
    }

    /// Look a currency up by its alphabetic code (case-insensitive).
    pub fn lookup(code: &str) -> Option<Currency> {
        let up = code.trim().to_ascii_uppercase();
        if up.len() != 3 || !up.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        #[cfg(feature = "amendments")]
        crate::amend::ensure_started();
        if let Some(c) = BUILTIN.iter().find(|c| c.code() == up) {
            return Some(*c);
        }
        extra().read().ok()?.get(&up).copied()
    }

    pub fn all() -> Vec<Currency> {
        let mut v: Vec<Currency> = BUILTIN.to_vec();
        if let Ok(g) = extra().read() {
            v.extend(g.values().copied());
        }
        v.sort_by(|a, b| a.code.cmp(&b.code));
        v.dedup();
        v
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

fn extra() -> &'static RwLock<HashMap<String, Currency>> {
    static EXTRA: OnceLock<RwLock<HashMap<String, Currency>>> = OnceLock::new();
    EXTRA.get_or_init(|| RwLock::new(HashMap::new()))
}

/// Register a currency at run time (used by the amendment feed and by
/// applications dealing with private units such as loyalty points).
pub fn register(code: &str, exponent: u8) -> Option<Currency> {
    let up = code.trim().to_ascii_uppercase();
    let b = up.as_bytes();
    if b.len() != 3 || exponent > 6 {
        return None;
    }
    let c = Currency { code: [b[0], b[1], b[2]], exponent };
    extra().write().ok()?.insert(up, c);
    Some(c)
}

macro_rules! cur {
    ($($code:literal $exp:literal),* $(,)?) => {
        &[$(Currency::new_static($code, $exp)),*]
    };
}

pub(crate) const BUILTIN: &[Currency] = cur![
    b"AED" 2, b"AFN" 2, b"ALL" 2, b"AMD" 2, b"ARS" 2, b"AUD" 2, b"AZN" 2,
    b"BAM" 2, b"BDT" 2, b"BGN" 2, b"BHD" 3, b"BIF" 0, b"BND" 2, b"BOB" 2,
    b"BRL" 2, b"BWP" 2, b"BYN" 2, b"CAD" 2, b"CHF" 2, b"CLP" 0, b"CNY" 2,
    b"COP" 2, b"CRC" 2, b"CZK" 2, b"DJF" 0, b"DKK" 2, b"DOP" 2, b"DZD" 2,
    b"EGP" 2, b"ETB" 2, b"EUR" 2, b"GBP" 2, b"GEL" 2, b"GHS" 2, b"GNF" 0,
    b"GTQ" 2, b"HKD" 2, b"HUF" 2, b"IDR" 2, b"ILS" 2, b"INR" 2, b"IQD" 3,
    b"ISK" 0, b"JOD" 3, b"JPY" 0, b"KES" 2, b"KMF" 0, b"KRW" 0, b"KWD" 3,
    b"KZT" 2, b"LBP" 2, b"LKR" 2, b"LYD" 3, b"MAD" 2, b"MXN" 2, b"MYR" 2,
    b"NGN" 2, b"NOK" 2, b"NZD" 2, b"OMR" 3, b"PEN" 2, b"PHP" 2, b"PKR" 2,
    b"PLN" 2, b"PYG" 0, b"QAR" 2, b"RON" 2, b"RSD" 2, b"RWF" 0, b"SAR" 2,
    b"SEK" 2, b"SGD" 2, b"THB" 2, b"TND" 3, b"TRY" 2, b"TWD" 2, b"UAH" 2,
    b"UGX" 0, b"USD" 2, b"UYU" 2, b"UZS" 2, b"VND" 0, b"VUV" 0, b"XAF" 0,
    b"XOF" 0, b"XPF" 0, b"ZAR" 2,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponents() {
        assert_eq!(Currency::lookup("eur").unwrap().exponent(), 2);
        assert_eq!(Currency::lookup("JPY").unwrap().scale(), 1);
        assert_eq!(Currency::lookup("KWD").unwrap().scale(), 1000);
        assert!(Currency::lookup("EURO").is_none());
    }

    #[test]
    fn builtin_sorted_unique() {
        let codes: Vec<&str> = BUILTIN.iter().map(|c| c.code()).collect();
        let mut s = codes.clone();
        s.sort();
        s.dedup();
        assert_eq!(codes, s);
    }
}
