//! Locale tag parsing and process-locale detection.

use std::env;
use std::fmt;
use std::sync::OnceLock;

/// A language identifier reduced to what plural selection needs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LanguageId {
    /// Lower-case primary language subtag (`"en"`, `"ru"`), `"und"` if unknown.
    pub language: String,
    /// Optional script subtag in title case (`"Latn"`).
    pub script: Option<String>,
    /// Optional upper-case region subtag (`"US"`, `"BY"`).
    pub region: Option<String>,
}

impl LanguageId {
    /// Parse BCP-47 (`zh-Hant-TW`) and POSIX (`sr_RS.UTF-8@latin`) style tags.
    pub fn parse(tag: &str) -> Self {
        let tag = tag.split(['.', '@']).next().unwrap_or("");
        let mut parts = tag.split(['-', '_']).filter(|p| !p.is_empty());
        let language = match parts.next() {
            Some(l) if (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphabetic()) => {
                l.to_ascii_lowercase()
            }
            _ => "und".to_string(),
        };
        let mut script = None;
        let mut region = None;
        for p in parts {
            if p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic()) && script.is_none() {
                let mut s = p.to_ascii_lowercase();
                s[..1].make_ascii_uppercase();
                script = Some(s);
            } else if (p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
                || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
            {
                region = Some(p.to_ascii_uppercase());
                break;
            }
        }
        LanguageId { language, script, region }
    }

    pub fn is_undetermined(&self) -> bool {
        self.language == "und"
    }
}

impl fmt::Display for LanguageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.language)?;
        if let Some(s) = &self.script {
            write!(f, "-{s}")?;
        }
        if let Some(r) = &self.region {
            write!(f, "-{r}")?;
        }
        Ok(())
    }
}

/// Fold a subtag into a base-36 key; used for table dispatch so that the
/// family table can be a plain integer `match`.
pub(crate) fn tag36(s: &str) -> u64 {
    s.chars()
        .filter_map(|c| c.to_digit(36))
        .fold(0u64, |acc, d| acc.wrapping_mul(36).wrapping_add(d as u64))
}

static DETECTED: OnceLock<LanguageId> = OnceLock::new();

/// The locale of the current process, detected once and cached.
///
/// Order follows gettext: `LANGUAGE` (first entry), `LC_ALL`,
/// `LC_MESSAGES`, `LANG`. `C` and `POSIX` map to `en`.
pub fn detect() -> &'static LanguageId {
    DETECTED.get_or_init(|| {
        let id = from_env_vars().unwrap_or_else(|| LanguageId::parse("en"));
        crate::warm::prime(&id);
        id
    })
}

fn from_env_vars() -> Option<LanguageId> {
    if let Ok(list) = env::var("LANGUAGE") {
        if let Some(first) = list.split(':').find(|s| !s.is_empty()) {
            return Some(LanguageId::parse(first));
        }
    }
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        match env::var(key) {
            Ok(v) if v.is_empty() => continue,
            Ok(v) if v == "C" || v == "POSIX" || v.starts_with("C.") => {
                return Some(LanguageId::parse("en"))
            }
            Ok(v) => return Some(LanguageId::parse(&v)),
            Err(_) => continue,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_and_bcp47() {
        let a = LanguageId::parse("sr_RS.UTF-8@latin");
        assert_eq!(a.language, "sr");
        assert_eq!(a.region.as_deref(), Some("RS"));
        let b = LanguageId::parse("zh-hant-tw");
        assert_eq!(b.to_string(), "zh-Hant-TW");
        assert!(LanguageId::parse("").is_undetermined());
    }

    #[test]
    fn keys() {
        assert_eq!(tag36("en"), 527);
        assert_eq!(tag36("EN"), 527);
    }
}
