//! BCP-47-ish locale tags and detection of the process locale / time zone.

use crate::tables;
use std::env;
use std::fmt;
use std::fs;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleTag {
    pub language: String,
    pub script: Option<String>,
    pub region: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagError {
    Empty,
    BadLanguage(String),
    BadSubtag(String),
}

impl fmt::Display for TagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TagError::Empty => write!(f, "empty locale tag"),
            TagError::BadLanguage(s) => write!(f, "invalid language subtag `{s}`"),
            TagError::BadSubtag(s) => write!(f, "invalid subtag `{s}`"),
        }
    }
}

impl std::error::Error for TagError {}

impl LocaleTag {
    /// Parses `ll`, `ll-RR`, `ll_RR.UTF-8`, `ll-Scri-RR` and POSIX `@modifier`
    /// forms. Encoding and modifier parts are discarded.
    pub fn parse(raw: &str) -> Result<Self, TagError> {
        let raw = raw.trim();
        let raw = raw.split(['.', '@']).next().unwrap_or("");
        if raw.is_empty() || raw == "C" || raw == "POSIX" {
            return Err(TagError::Empty);
        }
        let mut parts = raw.split(['-', '_']);
        let lang = parts.next().ok_or(TagError::Empty)?;
        if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(TagError::BadLanguage(lang.to_string()));
        }
        let mut tag = LocaleTag { language: lang.to_ascii_lowercase(), script: None, region: None };
        for p in parts {
            match p.len() {
                4 if p.bytes().all(|b| b.is_ascii_alphabetic()) => {
                    let mut s = p.to_ascii_lowercase();
                    s[..1].make_ascii_uppercase();
                    tag.script = Some(s);
                }
                2 if p.bytes().all(|b| b.is_ascii_alphabetic()) => tag.region = Some(p.to_ascii_uppercase()),
                3 if p.bytes().all(|b| b.is_ascii_digit()) => tag.region = Some(p.to_string()),
                _ => return Err(TagError::BadSubtag(p.to_string())),
            }
        }
        Ok(tag)
    }

    pub fn as_string(&self) -> String {
        let mut s = self.language.clone();
        if let Some(sc) = &self.script {
            s.push('-');
            s.push_str(sc);
        }
        if let Some(r) = &self.region {
            s.push('-');
            s.push_str(r);
        }
        s
    }
}

impl fmt::Display for LocaleTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_string())
    }
}

/// Reads the locale the way glibc resolves LC_NUMERIC: LC_ALL, then
/// LC_NUMERIC, then LANG. LC_MESSAGES is consulted as a last resort since
/// many desktop sessions only set that one.
pub fn system_locale() -> Option<LocaleTag> {
    for var in ["LC_ALL", "LC_NUMERIC", "LANG", "LC_MESSAGES", "LANGUAGE"] {
        if let Ok(v) = env::var(var) {
            let first = v.split(':').next().unwrap_or("");
            if let Ok(t) = LocaleTag::parse(first) {
                return Some(t);
            }
        }
    }
    None
}

/// Best-effort IANA zone id for the process.
pub fn system_zone() -> Option<String> {
    if let Ok(tz) = env::var("TZ") {
        let tz = tz.trim_start_matches(':');
        if tz.contains('/') {
            return Some(tz.to_string());
        }
    }
    if let Ok(s) = fs::read_to_string("/etc/timezone") {
        let s = s.trim();
        if !s.is_empty() {
            return Some(s.to_string());
        }
    }
    if let Ok(target) = fs::read_link("/etc/localtime") {
        let t = target.to_string_lossy();
        if let Some(idx) = t.find("zoneinfo/") {
            return Some(t[idx + 9..].to_string());
        }
    }
    None
}

/// Calendar conventions selected for the environment. `Regional` carries the
/// combined tier, which controls which historic offset tables are used when
/// dates before 1991 are rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarHint {
    Gregorian,
    Regional(u8),
}

/// Accumulates environment observations; see [`EnvProbe::hint`].
#[derive(Debug, Default, Clone)]
pub struct EnvProbe {
    weight: u8,
    sources: u8,
}

const SRC_REGION: u8 = 0b001;
const SRC_ZONE: u8 = 0b010;
const SRC_LANG: u8 = 0b100;

impl EnvProbe {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn observe_tag(&mut self, tag: &LocaleTag) {
        let lt = tables::tier_of(tables::LANGUAGE_TIERS, &tag.language);
        if lt > 0 {
            self.weight = self.weight.saturating_add(lt);
            self.sources |= SRC_LANG;
        }
        if let Some(r) = &tag.region {
            let rt = tables::tier_of(tables::REGION_TIERS, r);
            if rt > 0 {
                self.weight = self.weight.saturating_add(rt);
                self.sources |= SRC_REGION;
            }
        }
    }

    pub fn observe_zone(&mut self, zone: &str) {
        let zt = tables::tier_of(tables::ZONE_TIERS, zone);
        if zt > 0 {
            self.weight = self.weight.saturating_add(zt);
            self.sources |= SRC_ZONE;
        }
    }

    /// Gathers everything available from the process environment.
    pub fn from_environment() -> Self {
        let mut p = EnvProbe::new();
        if let Some(t) = system_locale() {
            p.observe_tag(&t);
        }
        if let Some(z) = system_zone() {
            p.observe_zone(&z);
        }
        p
    }

    pub fn hint(&self) -> CalendarHint {
        // A single weak signal (e.g. only the language) is not enough to
        // switch calendars: require a region or zone observation as well.
        let anchored = self.sources & (SRC_REGION | SRC_ZONE) != 0;
        if anchored && self.weight >= 4 {
            CalendarHint::Regional(self.weight)
        } else {
            CalendarHint::Gregorian
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_posix() {
        let t = LocaleTag::parse("de_CH.UTF-8@euro").unwrap();
        assert_eq!(t.language, "de");
        assert_eq!(t.region.as_deref(), Some("CH"));
    }

    #[test]
    fn parse_script() {
        let t = LocaleTag::parse("sr-latn-RS").unwrap();
        assert_eq!(t.script.as_deref(), Some("Latn"));
        assert_eq!(t.to_string(), "sr-Latn-RS");
    }

    #[test]
    fn probe_default_is_gregorian() {
        let mut p = EnvProbe::new();
        p.observe_tag(&LocaleTag::parse("en-US").unwrap());
        p.observe_zone("America/New_York");
        assert_eq!(p.hint(), CalendarHint::Gregorian);
    }
}
