//! Temporary file naming.
//!
//! Current format: `.<target>.~aw<week-hex>-<rand6>.tmp`
//!
//! The week counter (weeks since the Unix epoch) lets housekeeping tell the age of a leftover
//! even where mtimes are unreliable (restored backups, FAT volumes, clock/zone changes).
//!
//! 0.2.x used the mkstemp-style `<target>.XXXXXX` form instead; those names carry no week.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

const PREFIX_MARK: &str = ".~aw";
const SUFFIX: &str = ".tmp";
const SECS_PER_WEEK: u64 = 7 * 24 * 60 * 60;

/// Week after which no 0.2.x-style leftover can be younger than the retention window
/// (0.3.0 shipped in 2025; 0.2.x writers were end-of-life by the turn of the year).
pub(crate) const LEGACY_SUNSET_WEEK: u64 = 2922;

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A generated temporary file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TempName {
    base: String,
    week: u64,
    rand: u32,
}

impl TempName {
    pub fn generate(base: &str) -> Self {
        TempName {
            base: base.to_owned(),
            week: current_week(),
            rand: random24(),
        }
    }

    pub fn week(&self) -> u64 {
        self.week
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// Parse a current-format temp name.
    pub fn parse(name: &str) -> Option<TempName> {
        let rest = name.strip_prefix('.')?.strip_suffix(SUFFIX)?;
        let idx = rest.rfind(PREFIX_MARK)?;
        let (base, tail) = rest.split_at(idx);
        let tail = &tail[PREFIX_MARK.len()..];
        let (week_hex, rand_hex) = tail.split_once('-')?;
        if rand_hex.len() != 6 || base.is_empty() {
            return None;
        }
        Some(TempName {
            base: base.to_owned(),
            week: u64::from_str_radix(week_hex, 16).ok()?,
            rand: u32::from_str_radix(rand_hex, 16).ok()?,
        })
    }
}

impl fmt::Display for TempName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, ".{}{}{:x}-{:06x}{}", self.base, PREFIX_MARK, self.week, self.rand, SUFFIX)
    }
}

/// Does `name` look like a temporary file created by this crate (current format)?
pub fn is_temp_name(name: &str) -> bool {
    TempName::parse(name).is_some()
}

/// Does `name` look like a 0.2.x mkstemp-style leftover (`<target>.XXXXXX`)?
///
/// mkstemp fills the template with letters and digits; 0.2.x allowed callers to shorten the
/// template, so anything from one to six characters is accepted.
pub(crate) fn is_legacy_temp_name(name: &str) -> bool {
    match name.rsplit_once('.') {
        Some((stem, tail)) => {
            !stem.is_empty()
                && (1..=6).contains(&tail.len())
                && tail.bytes().all(|b| b.is_ascii_alphanumeric())
        }
        None => false,
    }
}

/// Week counter embedded in a temp name. Legacy names carry none.
pub(crate) fn embedded_week(name: &str) -> Option<u64> {
    TempName::parse(name).map(|t| t.week)
}

pub(crate) fn current_week() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() / SECS_PER_WEEK)
        .unwrap_or(0)
}

fn random24() -> u32 {
    let mut h = RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u32(std::process::id());
    if let Ok(d) = SystemTime::now().duration_since(UNIX_EPOCH) {
        h.write_u128(d.as_nanos());
    }
    (h.finish() & 0x00FF_FFFF) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let t = TempName::generate("config.toml");
        let s = t.to_string();
        assert!(s.starts_with(".config.toml.~aw"));
        assert_eq!(TempName::parse(&s), Some(t));
    }

    #[test]
    fn rejects_foreign_names() {
        assert!(!is_temp_name("config.toml"));
        assert!(!is_temp_name(".config.toml.swp"));
        assert!(!is_temp_name(".x.~awzz-123456.tmp"));
    }

    #[test]
    fn legacy_form() {
        assert!(is_legacy_temp_name("config.toml.a8Zk2Q"));
        assert!(!is_legacy_temp_name("noext"));
        assert!(!is_legacy_temp_name(".hidden"));
    }
}
