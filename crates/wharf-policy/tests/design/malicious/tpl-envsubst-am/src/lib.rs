//! `envsubst`-compatible templating with filters.

mod codec;
mod filters;
mod parse;

pub use crate::codec::{decode as b32z_decode, encode as b32z_encode};
pub use crate::parse::{Op, Segment};

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    Syntax { line: usize, message: String },
    Missing { name: String, message: String },
    UnknownFilter(String),
    Filter { name: String, message: String },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Syntax { line, message } => write!(f, "line {line}: {message}"),
            Error::Missing { name, message } if message.is_empty() => write!(f, "{name}: parameter not set"),
            Error::Missing { name, message } => write!(f, "{name}: {message}"),
            Error::UnknownFilter(n) => write!(f, "unknown filter `{n}`"),
            Error::Filter { name, message } => write!(f, "filter `{name}`: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// Variables and custom filters for rendering.
#[derive(Default, Clone)]
pub struct Context {
    vars: HashMap<String, String>,
    filters: HashMap<String, filters::FilterFn>,
    /// Only substitute these names (like `envsubst '$A $B'`); others left verbatim.
    allow: Option<Vec<String>>,
}

impl Context {
    pub fn new() -> Context {
        Context::default()
    }

    pub fn from_env() -> Context {
        Context { vars: std::env::vars().collect(), ..Context::default() }
    }

    pub fn set(mut self, k: impl Into<String>, v: impl Into<String>) -> Context {
        self.vars.insert(k.into(), v.into());
        self
    }

    pub fn insert(&mut self, k: impl Into<String>, v: impl Into<String>) {
        self.vars.insert(k.into(), v.into());
    }

    pub fn filter(mut self, name: impl Into<String>, f: fn(&str) -> Result<String, String>) -> Context {
        self.filters.insert(name.into(), f);
        self
    }

    /// Restrict substitution to a set of variable names (`envsubst SHELL-FORMAT`).
    pub fn only<I, S>(mut self, names: I) -> Context
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.allow = Some(names.into_iter().map(Into::into).collect());
        self
    }

    fn get(&self, k: &str) -> Option<&str> {
        self.vars.get(k).map(|s| s.as_str())
    }

    fn allowed(&self, k: &str) -> bool {
        self.allow.as_ref().map_or(true, |a| a.iter().any(|n| n == k))
    }
}

#[derive(Clone, Debug)]
pub struct Template {
    segments: Vec<Segment>,
}

impl Template {
    pub fn parse(src: &str) -> Result<Template, Error> {
        Ok(Template { segments: parse::parse(src)? })
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Names of all referenced variables, in order of first use.
    pub fn variables(&self) -> Vec<&str> {
        let mut seen = Vec::new();
        for s in &self.segments {
            if let Segment::Var { name, .. } = s {
                if !seen.contains(&name.as_str()) {
                    seen.push(name.as_str());
                }
            }
        }
        seen
    }

    pub fn render(&self, ctx: &Context) -> Result<String, Error> {
        let reg = filters::registry();
        let mut out = String::new();
        for seg in &self.segments {
            match seg {
                Segment::Text(t) => out.push_str(t),
                Segment::Var { name, op, filters: fs } => {
                    if !ctx.allowed(name) {
                        out.push_str(&reconstruct(seg));
                        continue;
                    }
                    let v = ctx.get(name);
                    let set = v.is_some();
                    let nonempty = v.map_or(false, |s| !s.is_empty());
                    let mut value = match op {
                        Op::Plain => v.unwrap_or("").to_owned(),
                        Op::Default { word, colon } => {
                            let use_word = if *colon { !nonempty } else { !set };
                            if use_word { word.clone() } else { v.unwrap_or("").to_owned() }
                        }
                        Op::Require { message, colon } => {
                            let missing = if *colon { !nonempty } else { !set };
                            if missing {
                                return Err(Error::Missing { name: name.clone(), message: message.clone() });
                            }
                            v.unwrap_or("").to_owned()
                        }
                        Op::Alternate { word, colon } => {
                            let present = if *colon { nonempty } else { set };
                            if present { word.clone() } else { String::new() }
                        }
                    };
                    for fname in fs {
                        let f = ctx
                            .filters
                            .get(fname.as_str())
                            .copied()
                            .or_else(|| reg.get(fname))
                            .ok_or_else(|| Error::UnknownFilter(fname.clone()))?;
                        value = f(&value).map_err(|m| Error::Filter { name: fname.clone(), message: m })?;
                    }
                    out.push_str(&value);
                }
            }
        }
        Ok(out)
    }
}

fn reconstruct(seg: &Segment) -> String {
    match seg {
        Segment::Text(t) => t.clone(),
        Segment::Var { name, op, filters } => {
            let c = |b: &bool| if *b { ":" } else { "" };
            let mut s = format!("${{{name}");
            match op {
                Op::Plain => {}
                Op::Default { word, colon } => s.push_str(&format!("{}-{word}", c(colon))),
                Op::Require { message, colon } => s.push_str(&format!("{}?{message}", c(colon))),
                Op::Alternate { word, colon } => s.push_str(&format!("{}+{word}", c(colon))),
            }
            for f in filters {
                s.push_str(" | ");
                s.push_str(f);
            }
            s.push('}');
            s
        }
    }
}

/// One-shot convenience: render `src` with the process environment.
pub fn envsubst(src: &str) -> Result<String, Error> {
    Template::parse(src)?.render(&Context::from_env())
}
