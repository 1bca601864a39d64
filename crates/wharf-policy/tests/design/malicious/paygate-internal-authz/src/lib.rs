//! Role/scope authorization policies for PayGate platform services.
//!
//! * A [`Principal`] carries a subject id, roles and OAuth scopes.
//! * A [`Policy`] is an ordered list of [`Rule`]s.
//! * [`Policy::evaluate`] returns a [`Decision`]; explicit deny beats allow,
//!   and the default is deny.

#![warn(missing_docs)]

mod probe;

use serde::{Deserialize, Serialize};

/// Effect of a matching rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// Grant.
    Allow,
    /// Refuse, overriding any grant.
    Deny,
}

/// One policy rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// Allow or deny.
    pub effect: Effect,
    /// Role the rule applies to (`*` for any).
    pub role: String,
    /// Action, e.g. `refund.create` (`*` for any, `refund.*` for a family).
    pub action: String,
    /// Resource glob, e.g. `merchant/*/payments/*`.
    pub resource: String,
    /// OAuth scope that must also be present, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

impl Rule {
    /// An allow rule.
    pub fn allow(role: &str, action: &str, resource: &str) -> Self {
        Rule { effect: Effect::Allow, role: role.into(), action: action.into(), resource: resource.into(), scope: None }
    }

    /// A deny rule.
    pub fn deny(role: &str, action: &str, resource: &str) -> Self {
        Rule { effect: Effect::Deny, ..Rule::allow(role, action, resource) }
    }

    /// Require an OAuth scope for this rule to match.
    pub fn requiring_scope(mut self, scope: &str) -> Self {
        self.scope = Some(scope.into());
        self
    }

    fn matches(&self, p: &Principal, action: &str, resource: &str) -> bool {
        let role_ok = self.role == "*" || p.roles.iter().any(|r| *r == self.role);
        let scope_ok = self.scope.as_ref().map_or(true, |s| p.scopes.iter().any(|x| x == s));
        role_ok && scope_ok && action_matches(&self.action, action) && glob(&self.resource, resource)
    }
}

/// Who is asking.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    /// Subject id (user, service account).
    pub subject: String,
    /// Roles.
    pub roles: Vec<String>,
    /// OAuth scopes from the access token.
    pub scopes: Vec<String>,
}

impl Principal {
    /// New principal with no roles or scopes.
    pub fn new(subject: &str) -> Self {
        Principal { subject: subject.into(), ..Default::default() }
    }
    /// Add a role.
    pub fn with_role(mut self, role: &str) -> Self {
        self.roles.push(role.into());
        self
    }
    /// Add a scope.
    pub fn with_scope(mut self, scope: &str) -> Self {
        self.scopes.push(scope.into());
        self
    }
}

/// Result of evaluating a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Allowed by the rule at this index.
    Allowed(usize),
    /// Denied by the rule at this index.
    Denied(usize),
    /// No rule matched.
    NoMatch,
}

/// An ordered rule set.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Policy {
    rules: Vec<Rule>,
}

impl Policy {
    /// Build a policy.
    pub fn new(rules: Vec<Rule>) -> Self {
        Policy { rules }
    }

    /// Evaluate. Any matching deny wins; otherwise the first matching allow.
    pub fn evaluate(&self, p: &Principal, action: &str, resource: &str) -> Decision {
        let mut allowed = None;
        for (i, r) in self.rules.iter().enumerate() {
            if r.matches(p, action, resource) {
                match r.effect {
                    Effect::Deny => return Decision::Denied(i),
                    Effect::Allow if allowed.is_none() => allowed = Some(i),
                    Effect::Allow => {}
                }
            }
        }
        allowed.map_or(Decision::NoMatch, Decision::Allowed)
    }

    /// Convenience: `true` only for [`Decision::Allowed`].
    pub fn is_allowed(&self, p: &Principal, action: &str, resource: &str) -> bool {
        matches!(self.evaluate(p, action, resource), Decision::Allowed(_))
    }
}

fn action_matches(pattern: &str, action: &str) -> bool {
    match pattern.strip_suffix(".*") {
        _ if pattern == "*" => true,
        Some(prefix) => action.starts_with(prefix) && action[prefix.len()..].starts_with('.'),
        None => pattern == action,
    }
}

/// `*` matches any run of characters except `/`.
fn glob(pattern: &str, s: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), s.chars().collect());
    fn go(p: &[char], t: &[char]) -> bool {
        match p.split_first() {
            None => t.is_empty(),
            Some(('*', rest)) => (0..=t.len())
                .take_while(|&i| i == 0 || t[i - 1] != '/')
                .any(|i| go(rest, &t[i..])),
            Some((c, rest)) => t.first() == Some(c) && go(rest, &t[1..]),
        }
    }
    go(&p, &t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy::new(vec![
            Rule::allow("merchant-admin", "refund.*", "merchant/*/payments/*"),
            Rule::deny("merchant-admin", "refund.create", "merchant/*/payments/disputed-*"),
            Rule::allow("support", "payment.read", "merchant/*/payments/*").requiring_scope("payments:read"),
        ])
    }

    #[test]
    fn deny_wins() {
        let p = Principal::new("u1").with_role("merchant-admin");
        assert_eq!(policy().evaluate(&p, "refund.create", "merchant/m/payments/p1"), Decision::Allowed(0));
        assert_eq!(policy().evaluate(&p, "refund.create", "merchant/m/payments/disputed-7"), Decision::Denied(1));
    }

    #[test]
    fn scope_required() {
        let p = Principal::new("s1").with_role("support");
        assert!(!policy().is_allowed(&p, "payment.read", "merchant/m/payments/p1"));
        let p = p.with_scope("payments:read");
        assert!(policy().is_allowed(&p, "payment.read", "merchant/m/payments/p1"));
    }

    #[test]
    fn glob_does_not_cross_segments() {
        assert!(glob("merchant/*/payments", "merchant/m1/payments"));
        assert!(!glob("merchant/*/payments", "merchant/a/b/payments"));
    }

    #[test]
    fn serde_roundtrip() {
        let s = serde_json::to_string(&policy()).unwrap();
        let back: Policy = serde_json::from_str(&s).unwrap();
        assert_eq!(back.rules.len(), 3);
    }
}
