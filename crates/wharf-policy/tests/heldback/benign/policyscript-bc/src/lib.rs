//! # policyscript
//!
//! A side-effect-free authorization policy language.
//!
//! ```
//! use policyscript::{PolicySet, Request};
//! let set = PolicySet::parse(r#"allow "self" when subject.id == resource.owner;"#).unwrap();
//! let req = Request::new().with("subject.id", "a").with("resource.owner", "a");
//! assert!(set.evaluate(&req).is_allowed());
//! ```

use std::collections::BTreeMap;
use std::fmt;

mod eval;
mod parse;
#[cfg(feature = "remote")]
mod remote;

pub use eval::Value;
#[cfg(feature = "remote")]
pub use remote::{Refresher, RemoteSource};

/// Errors from parsing, evaluation or fetching.
#[derive(Debug)]
pub enum Error {
    Parse { line: u32, col: u32, message: String },
    Budget,
    #[cfg(feature = "remote")]
    Fetch(String),
    /// The signature did not verify against the pinned key.
    Signature,
    Io(std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Parse { line, col, message } => write!(f, "{line}:{col}: {message}"),
            Error::Budget => f.write_str("evaluation budget exhausted"),
            #[cfg(feature = "remote")]
            Error::Fetch(m) => write!(f, "fetch failed: {m}"),
            Error::Signature => f.write_str("policy signature does not verify against the pinned key"),
            Error::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

/// Effect of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

/// One named rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub effect: Effect,
    pub name: String,
    pub(crate) cond: parse::Expr,
}

/// The outcome of evaluating a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Allowed by the named rule(s).
    Allow(Vec<String>),
    /// Denied by the named rule.
    Deny(String),
    /// No rule matched.
    NoMatch,
}

impl Decision {
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allow(_))
    }
}

/// Attributes of one access request, addressed by dotted paths (`subject.id`).
#[derive(Debug, Clone, Default)]
pub struct Request {
    attrs: BTreeMap<String, Value>,
}

impl Request {
    pub fn new() -> Self {
        Request::default()
    }

    pub fn with(mut self, path: &str, v: impl Into<Value>) -> Self {
        self.attrs.insert(path.to_string(), v.into());
        self
    }

    pub fn set(&mut self, path: &str, v: impl Into<Value>) {
        self.attrs.insert(path.to_string(), v.into());
    }

    pub(crate) fn get(&self, path: &str) -> Option<&Value> {
        self.attrs.get(path)
    }
}

/// A parsed set of rules.
#[derive(Debug, Clone, Default)]
pub struct PolicySet {
    rules: Vec<Rule>,
}

impl PolicySet {
    /// Parses policy text.
    pub fn parse(src: &str) -> Result<PolicySet, Error> {
        Ok(PolicySet { rules: parse::parse(src)? })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Evaluates all rules. A matching `deny` wins; otherwise any matching `allow` allows.
    /// Rules whose condition cannot be evaluated (missing attribute, type mismatch, budget)
    /// count as not matching.
    pub fn evaluate(&self, req: &Request) -> Decision {
        let mut allowed = Vec::new();
        for rule in &self.rules {
            let mut budget = eval::Budget::new(10_000);
            let matched = eval::truthy(&rule.cond, req, &mut budget).unwrap_or(false);
            if !matched {
                continue;
            }
            match rule.effect {
                Effect::Deny => return Decision::Deny(rule.name.clone()),
                Effect::Allow => allowed.push(rule.name.clone()),
            }
        }
        if allowed.is_empty() {
            Decision::NoMatch
        } else {
            Decision::Allow(allowed)
        }
    }
}
