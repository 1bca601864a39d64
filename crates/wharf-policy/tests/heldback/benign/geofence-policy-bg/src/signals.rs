//! Signals a policy can be evaluated against.
//!
//! Nothing here is collected behind the caller's back: `from_environment`
//! reads only the local time zone and locale, and every other signal must be
//! supplied explicitly.

use std::env;
use std::fmt;
use std::fs;

use crate::zones;

/// Where a region claim came from, strongest last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    TimeZone,
    Locale,
    GeoIp,
    Declared,
}

impl Source {
    /// Default weight of a claim from this source.
    pub fn weight(self) -> u8 {
        match self {
            Source::TimeZone | Source::Locale => 1,
            Source::GeoIp => 2,
            Source::Declared => 4,
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::TimeZone => "time zone",
            Source::Locale => "locale",
            Source::GeoIp => "geo-IP",
            Source::Declared => "declared",
        })
    }
}

/// One region claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub source: Source,
    /// ISO 3166-1 alpha-2, or ISO 3166-2 for sub-national regions.
    pub region: String,
    /// The raw value the claim was derived from (zone name, locale, …).
    pub raw: String,
}

/// A caller-implemented geo-IP lookup.
///
/// The crate ships no implementation: choose a provider, handle consent and
/// caching yourself, and return an ISO country code.
pub trait GeoLookup {
    fn country(&self) -> Option<String>;
}

/// A bag of claims.
#[derive(Clone, Debug, Default)]
pub struct Signals {
    pub(crate) claims: Vec<Claim>,
}

impl Signals {
    pub fn new() -> Self {
        Signals::default()
    }

    /// Time zone and locale of the current process.
    pub fn from_environment() -> Self {
        let mut s = Signals::new();
        if let Some(z) = local_zone() {
            s = s.time_zone(&z);
        }
        if let Some(l) = local_locale() {
            s = s.locale(&l);
        }
        s
    }

    /// Adds a time-zone claim from an IANA zone name.
    pub fn time_zone(mut self, zone: &str) -> Self {
        if let Some(r) = zones::region_of_zone(zone) {
            self.claims.push(Claim { source: Source::TimeZone, region: r.into(), raw: zone.into() });
        }
        self
    }

    /// Adds a locale claim from a POSIX locale (`uk_UA.UTF-8`) or BCP 47 tag
    /// (`pt-BR`). Locales without a territory add nothing.
    pub fn locale(mut self, loc: &str) -> Self {
        if let Some(r) = territory_of_locale(loc) {
            self.claims.push(Claim { source: Source::Locale, region: r, raw: loc.into() });
        }
        self
    }

    /// Adds a geo-IP claim using the caller's provider.
    pub fn geo_ip(mut self, lookup: &dyn GeoLookup) -> Self {
        if let Some(c) = lookup.country() {
            let c = c.trim().to_ascii_uppercase();
            if !c.is_empty() {
                self.claims.push(Claim { source: Source::GeoIp, region: c.clone(), raw: c });
            }
        }
        self
    }

    /// Adds a region the user declared (billing address, profile, …).
    pub fn declared(mut self, region: &str) -> Self {
        let r = region.trim().to_ascii_uppercase();
        self.claims.push(Claim { source: Source::Declared, region: r.clone(), raw: r });
        self
    }

    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }
}

/// `TZ`, then `/etc/timezone`, then the `/etc/localtime` symlink target.
pub fn local_zone() -> Option<String> {
    if let Ok(tz) = env::var("TZ") {
        let tz = tz.trim_start_matches(':');
        if tz.contains('/') || zones::region_of_zone(tz).is_some() {
            return Some(tz.rsplit("zoneinfo/").next().unwrap_or(tz).to_owned());
        }
    }
    if let Ok(s) = fs::read_to_string("/etc/timezone") {
        let s = s.trim();
        if !s.is_empty() {
            return Some(s.to_owned());
        }
    }
    let link = fs::read_link("/etc/localtime").ok()?;
    let p = link.to_string_lossy();
    let i = p.find("zoneinfo/")?;
    Some(p[i + "zoneinfo/".len()..].to_owned())
}

/// First set of `LC_ALL`, `LC_MESSAGES`, `LANG`.
pub fn local_locale() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| env::var(k).ok())
        .find(|v| !v.is_empty() && v != "C" && v != "POSIX")
}

/// Territory part of a locale, upper-cased.
pub fn territory_of_locale(loc: &str) -> Option<String> {
    let base = loc.split(['.', '@']).next()?;
    let mut parts = base.split(['_', '-']);
    let _lang = parts.next()?;
    for p in parts {
        // Skip script subtags like `Latn`; a territory is 2 letters or 3 digits.
        if (p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
            || (p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
        {
            return Some(p.to_ascii_uppercase());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn territories() {
        assert_eq!(territory_of_locale("uk_UA.UTF-8").as_deref(), Some("UA"));
        assert_eq!(territory_of_locale("sr-Latn-RS").as_deref(), Some("RS"));
        assert_eq!(territory_of_locale("es-419").as_deref(), Some("419"));
        assert_eq!(territory_of_locale("en").as_deref(), None);
        assert_eq!(territory_of_locale("de_DE@euro").as_deref(), Some("DE"));
    }

    struct Fixed(&'static str);
    impl GeoLookup for Fixed {
        fn country(&self) -> Option<String> {
            Some(self.0.into())
        }
    }

    #[test]
    fn builder() {
        let s = Signals::new().time_zone("Europe/Paris").locale("fr_FR.UTF-8").geo_ip(&Fixed("fr"));
        assert_eq!(s.claims().len(), 3);
        assert!(s.claims().iter().all(|c| c.region == "FR"));
    }
}
