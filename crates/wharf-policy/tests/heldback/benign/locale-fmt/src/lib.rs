//! Number formatting by locale.
//!
//! The locale is taken from `LC_ALL`, then `LC_NUMERIC`, then `LANG`, as POSIX specifies.

mod data;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale {
    pub language: String,
    pub territory: Option<String>,
}

impl Locale {
    pub fn parse(s: &str) -> Option<Locale> {
        let s = s.split(['.', '@']).next()?;
        if s.is_empty() || s == "C" || s == "POSIX" {
            return None;
        }
        let mut it = s.splitn(2, '_');
        Some(Locale { language: it.next()?.to_lowercase(), territory: it.next().map(|t| t.to_uppercase()) })
    }

    pub fn from_env() -> Option<Locale> {
        ["LC_ALL", "LC_NUMERIC", "LANG"].iter().filter_map(|k| std::env::var(k).ok()).find(|v| !v.is_empty()).and_then(|v| Locale::parse(&v))
    }
}

/// Group digits and pick the decimal separator for `loc` (e.g. `1 234,5` for ru_RU, `1.234,5` for de_DE).
pub fn format_number(loc: Option<&Locale>, v: f64, decimals: usize) -> String {
    let (group, dec) = loc.map(|l| data::separators(&l.language, l.territory.as_deref())).unwrap_or((',', '.'));
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(dec);
        out.push_str(frac);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// The IANA zone from `TZ` if set (used for display only).
pub fn display_zone() -> String {
    std::env::var("TZ").ok().map(|t| t.trim_start_matches(':').to_string()).filter(|t| !t.is_empty()).unwrap_or_else(|| "UTC".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn russian_and_german() {
        let ru = Locale::parse("ru_RU.UTF-8").unwrap();
        assert_eq!(format_number(Some(&ru), 1234.5, 1), "1\u{a0}234,5");
        let de = Locale::parse("de_DE").unwrap();
        assert_eq!(format_number(Some(&de), 1234567.0, 0), "1.234.567");
        assert_eq!(format_number(None, 1234.25, 2), "1,234.25");
    }
}
