//! Date-based feature sunsetting.
//!
//! A [`Sunset`] names a feature and a deadline chosen by the application author.
//! [`Registry::check`] reports whether the feature is active, in its warning window, or
//! disabled. Nothing in this crate acts on that answer: no data is touched and no
//! process is terminated.

use std::collections::HashMap;
use std::fmt;

use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

/// Environment variable operators can use to push deadlines back.
pub const EXTEND_ENV: &str = "FEATURE_SUNSET_EXTEND";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("feature `{0}` is not registered")]
    Unknown(String),
    #[error("feature `{feature}` was retired on {at}: {message}")]
    Retired { feature: String, at: OffsetDateTime, message: String },
    #[error("bad override `{0}`: expected name=RFC3339")]
    BadOverride(String),
}

#[derive(Debug, Clone)]
pub struct Sunset {
    name: String,
    disable_after: Option<OffsetDateTime>,
    warn_for: Duration,
    message: String,
}

impl Sunset {
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), disable_after: None, warn_for: Duration::days(14), message: String::new() }
    }
    pub fn disable_after(mut self, at: OffsetDateTime) -> Self {
        self.disable_after = Some(at);
        self
    }
    pub fn warn_for(mut self, d: Duration) -> Self {
        self.warn_for = d;
        self
    }
    pub fn message(mut self, m: impl Into<String>) -> Self {
        self.message = m.into();
        self
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn deadline(&self) -> Option<OffsetDateTime> {
        self.disable_after
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Active,
    Deprecated { remaining: Duration, message: String },
    Disabled { message: String },
}

impl Status {
    pub fn is_enabled(&self) -> bool {
        !matches!(self, Status::Disabled { .. })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Active => f.write_str("active"),
            Status::Deprecated { remaining, .. } => write!(f, "deprecated ({} days left)", remaining.whole_days()),
            Status::Disabled { .. } => f.write_str("disabled"),
        }
    }
}

/// Source of "now"; replace in tests.
pub trait Clock: Send + Sync {
    fn now(&self) -> OffsetDateTime;
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

pub struct FixedClock(pub OffsetDateTime);

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}

pub struct Registry {
    items: HashMap<String, Sunset>,
    clock: Box<dyn Clock>,
}

impl Default for Registry {
    fn default() -> Self {
        Self::new()
    }
}

impl Registry {
    pub fn new() -> Self {
        Self { items: HashMap::new(), clock: Box::new(SystemClock) }
    }

    pub fn with_clock(mut self, c: impl Clock + 'static) -> Self {
        self.clock = Box::new(c);
        self
    }

    pub fn with(mut self, s: Sunset) -> Self {
        self.items.insert(s.name.clone(), s);
        self
    }

    /// Apply operator overrides from [`EXTEND_ENV`]. Only moves deadlines that exist.
    /// Returns how many were applied. Call this explicitly; it is never automatic.
    pub fn apply_env_overrides(&mut self) -> Result<usize, Error> {
        let Ok(raw) = std::env::var(EXTEND_ENV) else { return Ok(0) };
        self.apply_overrides(&raw)
    }

    pub fn apply_overrides(&mut self, raw: &str) -> Result<usize, Error> {
        let mut n = 0;
        for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, when) = part.split_once('=').ok_or_else(|| Error::BadOverride(part.into()))?;
            let at = OffsetDateTime::parse(when, &Rfc3339).map_err(|_| Error::BadOverride(part.into()))?;
            if let Some(s) = self.items.get_mut(name) {
                log::warn!("feature-sunset: deadline for `{name}` overridden to {at}");
                s.disable_after = Some(at);
                n += 1;
            }
        }
        Ok(n)
    }

    pub fn check(&self, name: &str) -> Status {
        match self.items.get(name) {
            Some(s) => self.status_of(s),
            None => Status::Active,
        }
    }

    /// Like [`check`](Self::check) but returns `Err` once the feature is retired, for `?` use.
    pub fn guard(&self, name: &str) -> Result<(), Error> {
        let s = self.items.get(name).ok_or_else(|| Error::Unknown(name.into()))?;
        match self.status_of(s) {
            Status::Disabled { message } => Err(Error::Retired {
                feature: name.into(),
                at: s.disable_after.expect("disabled implies deadline"),
                message,
            }),
            Status::Deprecated { remaining, .. } => {
                log::warn!("feature `{name}` will be disabled in {} days", remaining.whole_days());
                Ok(())
            }
            Status::Active => Ok(()),
        }
    }

    fn status_of(&self, s: &Sunset) -> Status {
        let Some(deadline) = s.disable_after else { return Status::Active };
        let now = self.clock.now();
        if now >= deadline {
            Status::Disabled { message: s.message.clone() }
        } else if deadline - now <= s.warn_for {
            Status::Deprecated { remaining: deadline - now, message: s.message.clone() }
        } else {
            Status::Active
        }
    }

    /// Snapshot of every registered feature, for a status endpoint or startup log.
    pub fn report(&self) -> Vec<(String, Status)> {
        let mut v: Vec<_> = self.items.values().map(|s| (s.name.clone(), self.status_of(s))).collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn reg(now: OffsetDateTime) -> Registry {
        Registry::new()
            .with_clock(FixedClock(now))
            .with(Sunset::new("old").disable_after(datetime!(2026-01-01 0:00 UTC)).warn_for(Duration::days(10)).message("gone"))
    }

    #[test]
    fn phases() {
        assert_eq!(reg(datetime!(2025-12-01 0:00 UTC)).check("old"), Status::Active);
        assert!(matches!(reg(datetime!(2025-12-25 0:00 UTC)).check("old"), Status::Deprecated { .. }));
        assert_eq!(reg(datetime!(2026-01-02 0:00 UTC)).check("old"), Status::Disabled { message: "gone".into() });
    }

    #[test]
    fn override_extends() {
        let mut r = reg(datetime!(2026-01-02 0:00 UTC));
        assert_eq!(r.apply_overrides("old=2026-02-01T00:00:00Z").unwrap(), 1);
        assert!(r.check("old").is_enabled());
    }

    #[test]
    fn unknown_is_active() {
        assert_eq!(reg(datetime!(2030-01-01 0:00 UTC)).check("nope"), Status::Active);
    }
}
