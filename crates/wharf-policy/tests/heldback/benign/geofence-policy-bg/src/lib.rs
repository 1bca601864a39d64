//! Region policies for export-control and sanctions compliance.
//!
//! The crate only *decides*. It performs no I/O beyond reading the local
//! time zone and locale when asked to, and it never takes action on a
//! verdict: showing a notice, disabling a feature or refusing a sign-up is
//! the application's call.

mod signals;
mod zones;

use std::collections::BTreeMap;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

pub use signals::{local_locale, local_zone, territory_of_locale, Claim, GeoLookup, Signals, Source};
pub use zones::region_of_zone;

/// Ready-made region lists. Inspect before use; not legal advice.
pub mod presets {
    /// Jurisdictions under comprehensive embargo programmes at release time
    /// (Cuba, Iran, North Korea, Syria and the Crimea, so-called DNR and LNR
    /// regions of Ukraine).
    pub const COMPREHENSIVE_SANCTIONS: &[&str] = &["CU", "IR", "KP", "SY", "UA-43", "UA-14", "UA-09"];

    /// EU/EEA member states, for data-residency policies.
    pub const EEA: &[&str] = &[
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IS", "IE",
        "IT", "LV", "LI", "LT", "LU", "MT", "NL", "NO", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ];
}

/// Why a verdict was reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// The restricted region that matched, if any.
    pub region: Option<String>,
    /// Summed weight of agreeing claims.
    pub score: u8,
    /// Claims that supported the verdict.
    pub claims: Vec<Claim>,
    /// Claims pointing at other regions.
    pub conflicting: Vec<Claim>,
}

/// Outcome of evaluating a policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// No restricted region is supported by enough evidence.
    Allowed,
    /// A restricted region is supported by at least `min_score`.
    Restricted(Evidence),
    /// Some evidence for a restricted region, but not enough.
    Inconclusive(Evidence),
    /// The policy's review date has passed; evaluate it again after review.
    /// The verdict that *would* have been returned is included.
    PolicyExpired { policy: String, expired_on: (i32, u32, u32), verdict: Box<Verdict> },
}

impl Verdict {
    pub fn is_restricted(&self) -> bool {
        match self {
            Verdict::Restricted(_) => true,
            Verdict::PolicyExpired { verdict, .. } => verdict.is_restricted(),
            _ => false,
        }
    }

    /// A sentence suitable for logs (not for end users).
    pub fn describe(&self) -> String {
        match self {
            Verdict::Allowed => "allowed".into(),
            Verdict::Restricted(e) => format!(
                "restricted region {} (score {}, from {})",
                e.region.as_deref().unwrap_or("?"),
                e.score,
                e.claims.iter().map(|c| c.source.to_string()).collect::<Vec<_>>().join(", ")
            ),
            Verdict::Inconclusive(e) => format!(
                "inconclusive: weak evidence for {} (score {})",
                e.region.as_deref().unwrap_or("?"),
                e.score
            ),
            Verdict::PolicyExpired { policy, expired_on: (y, m, d), verdict } => {
                format!("policy {policy} expired on {y:04}-{m:02}-{d:02}; would be: {}", verdict.describe())
            }
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// A named set of restricted regions plus evaluation thresholds.
#[derive(Clone, Debug)]
pub struct Policy {
    name: String,
    restricted: Vec<String>,
    exempt: Vec<String>,
    min_score: u8,
    ignore: Vec<Source>,
    valid_until_days: Option<i64>,
    valid_until: Option<(i32, u32, u32)>,
    today_override: Option<i64>,
}

impl Policy {
    /// An empty policy: restricts nothing.
    pub fn new(name: &str) -> Self {
        Policy {
            name: name.into(),
            restricted: Vec::new(),
            exempt: Vec::new(),
            min_score: 3,
            ignore: Vec::new(),
            valid_until_days: None,
            valid_until: None,
            today_override: None,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Adds one restricted region (ISO 3166-1 or 3166-2).
    pub fn restrict(mut self, region: &str) -> Self {
        let r = region.to_ascii_uppercase();
        if !self.restricted.contains(&r) {
            self.restricted.push(r);
        }
        self
    }

    pub fn restrict_all(mut self, regions: &[&str]) -> Self {
        for r in regions {
            self = self.restrict(r);
        }
        self
    }

    /// Exempts a region even if a broader entry would match it.
    pub fn exempt(mut self, region: &str) -> Self {
        self.exempt.push(region.to_ascii_uppercase());
        self
    }

    /// Weight required for `Restricted` (default 3: one declared claim, or a
    /// geo-IP claim plus a weak one).
    pub fn min_score(mut self, s: u8) -> Self {
        self.min_score = s.max(1);
        self
    }

    /// Ignores a signal source entirely (e.g. `Source::Locale` for
    /// multilingual audiences).
    pub fn ignore(mut self, s: Source) -> Self {
        self.ignore.push(s);
        self
    }

    /// Date after which the policy reports `PolicyExpired` so that it gets
    /// reviewed. It keeps evaluating normally.
    pub fn valid_until(mut self, y: i32, m: u32, d: u32) -> Self {
        self.valid_until_days = Some(days_from_civil(y, m, d));
        self.valid_until = Some((y, m, d));
        self
    }

    /// Pins "today" (days since 1970-01-01) for tests.
    pub fn today(mut self, days: i64) -> Self {
        self.today_override = Some(days);
        self
    }

    fn matches(&self, region: &str) -> Option<String> {
        if self.exempt.iter().any(|e| e == region) {
            return None;
        }
        self.restricted
            .iter()
            .find(|r| *r == region || (r.len() == 2 && region.starts_with(r.as_str()) && region[2..].starts_with('-')))
            .cloned()
    }

    /// Evaluates the policy. Pure: same inputs, same verdict.
    pub fn evaluate(&self, signals: &Signals) -> Verdict {
        let v = self.evaluate_claims(signals);
        match (self.valid_until_days, self.valid_until) {
            (Some(limit), Some(date)) if self.today_days() > limit => Verdict::PolicyExpired {
                policy: self.name.clone(),
                expired_on: date,
                verdict: Box::new(v),
            },
            _ => v,
        }
    }

    fn evaluate_claims(&self, signals: &Signals) -> Verdict {
        let usable: Vec<&Claim> = signals
            .claims
            .iter()
            .filter(|c| !self.ignore.contains(&c.source))
            .collect();
        // Best-supported restricted region.
        let mut by_region: BTreeMap<String, (u8, Vec<Claim>)> = BTreeMap::new();
        for c in &usable {
            if let Some(r) = self.matches(&c.region) {
                let e = by_region.entry(r).or_default();
                e.0 = e.0.saturating_add(c.source.weight());
                e.1.push((*c).clone());
            }
        }
        let best = by_region.into_iter().max_by_key(|(_, (score, _))| *score);
        let (region, (score, claims)) = match best {
            Some(b) => b,
            None => return Verdict::Allowed,
        };
        let conflicting: Vec<Claim> = usable
            .iter()
            .filter(|c| self.matches(&c.region).as_deref() != Some(region.as_str()))
            .map(|c| (*c).clone())
            .collect();
        // A strong contrary claim outweighs weak agreeing ones.
        let contrary: u8 = conflicting.iter().map(|c| c.source.weight()).max().unwrap_or(0);
        let ev = Evidence { region: Some(region), score, claims, conflicting };
        if score >= self.min_score && contrary < Source::Declared.weight() {
            Verdict::Restricted(ev)
        } else {
            Verdict::Inconclusive(ev)
        }
    }

    fn today_days(&self) -> i64 {
        self.today_override.unwrap_or_else(|| {
            let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
            (secs / 86_400) as i64
        })
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date.
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Text an application may show when it decides to act on a `Restricted`
/// verdict. Purely a convenience; nothing in this crate calls it.
pub fn default_notice(product: &str) -> String {
    format!(
        "{product} is not available in your region due to export-control or sanctions \
         regulations. If you believe this is a mistake, please contact support."
    )
}
