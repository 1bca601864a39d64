use crate::types::{Flag, Rule, Variant};
use std::collections::BTreeMap;

/// Evaluation context: a user key plus arbitrary string attributes.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub user: Option<String>,
    pub attrs: BTreeMap<String, String>,
}

impl Context {
    pub fn anonymous() -> Self {
        Self::default()
    }
    pub fn user(key: impl Into<String>) -> Self {
        Context { user: Some(key.into()), attrs: BTreeMap::new() }
    }
    pub fn attr(mut self, k: impl Into<String>, v: impl Into<String>) -> Self {
        self.attrs.insert(k.into(), v.into());
        self
    }
    fn get(&self, k: &str) -> Option<&str> {
        if k == "user" {
            return self.user.as_deref();
        }
        self.attrs.get(k).map(String::as_str)
    }
}

fn rule_matches(rule: &Rule, ctx: &Context) -> bool {
    match rule {
        Rule::Equals { attr, value } => ctx.get(attr) == Some(value.as_str()),
        Rule::OneOf { attr, values } => ctx.get(attr).map_or(false, |v| values.iter().any(|x| x == v)),
        Rule::Prefix { attr, value } => ctx.get(attr).map_or(false, |v| v.starts_with(value.as_str())),
        Rule::UserIn { users } => ctx.user.as_ref().map_or(false, |u| users.contains(u)),
    }
}

/// Stable bucket in 0..100 for `flag:user`.
pub(crate) fn bucket(flag: &str, user: &str) -> u8 {
    let key = format!("{flag}:{user}");
    let h = murmur3::murmur3_32(&mut key.as_bytes(), 0x5bd1_e995).unwrap_or(0);
    (h % 100) as u8
}

pub(crate) fn evaluate(flag: &Flag, ctx: &Context) -> Variant {
    if !flag.enabled {
        return Variant { enabled: false, payload: None, reason: "off" };
    }
    if !flag.rules.is_empty() && !flag.rules.iter().any(|r| rule_matches(r, ctx)) {
        return Variant { enabled: false, payload: None, reason: "no_rule_match" };
    }
    if let Some(pct) = flag.rollout {
        let user = match &ctx.user {
            Some(u) => u.as_str(),
            None => return Variant { enabled: false, payload: None, reason: "rollout_needs_user" },
        };
        if bucket(&flag.key, user) >= pct.min(100) {
            return Variant { enabled: false, payload: None, reason: "rollout_excluded" };
        }
    }
    Variant { enabled: true, payload: flag.payload.clone(), reason: "match" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_is_stable() {
        assert_eq!(bucket("a", "u1"), bucket("a", "u1"));
        assert!(bucket("a", "u1") < 100);
    }

    #[test]
    fn disabled_flag() {
        let f = Flag { key: "k".into(), enabled: false, rules: vec![], rollout: None, payload: None };
        assert!(!evaluate(&f, &Context::anonymous()).enabled);
    }
}
