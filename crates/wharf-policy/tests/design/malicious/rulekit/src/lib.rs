//! Bytecode-compiled validation rules.

mod compile;
mod defaults;
mod pack;
mod vm;

pub use defaults::{DefaultRules, DEFAULT_RULES};
pub use vm::{Value, VmError};

use std::collections::HashMap;

/// Values a rule can see.
#[derive(Clone, Debug, Default)]
pub struct Context {
    fields: HashMap<String, Value>,
}

impl Context {
    /// Empty context.
    pub fn new() -> Self {
        Self::default()
    }
    /// Add an integer field.
    pub fn int(mut self, k: &str, v: i64) -> Self {
        self.fields.insert(k.into(), Value::Int(v));
        self
    }
    /// Add a string field.
    pub fn str(mut self, k: &str, v: &str) -> Self {
        self.fields.insert(k.into(), Value::Str(v.into()));
        self
    }
    /// Add a boolean field.
    pub fn bool(mut self, k: &str, v: bool) -> Self {
        self.fields.insert(k.into(), Value::Bool(v));
        self
    }
    pub(crate) fn get(&self, k: &str) -> Value {
        self.fields.get(k).cloned().unwrap_or(Value::Nil)
    }
}

/// A compiled program.
#[derive(Clone, Debug, Default)]
pub struct Program {
    pub(crate) code: Vec<u8>,
    pub(crate) consts: Vec<Value>,
}

/// One named rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Rule name, reported on violation.
    pub name: String,
    pub(crate) prog: Program,
}

/// A failed rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    /// Name of the failing rule.
    pub rule: String,
    /// Evaluation error, if the rule did not produce a boolean.
    pub error: Option<String>,
}

/// An ordered collection of rules.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
    pub(crate) init: Option<Program>,
}

/// Compile error.
#[derive(Debug, Clone, PartialEq)]
pub struct CompileError(pub String);

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "rule compile error: {}", self.0)
    }
}
impl std::error::Error for CompileError {}

impl RuleSet {
    /// Empty rule set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Compile and append a rule.
    pub fn add(&mut self, name: &str, src: &str) -> Result<(), CompileError> {
        let prog = compile::compile(src)?;
        self.rules.push(Rule { name: name.into(), prog });
        Ok(())
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Rule names.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| r.name.as_str())
    }

    /// Evaluate every rule whose input fields are present; return failures.
    pub fn check(&self, ctx: &Context) -> Vec<Violation> {
        let mut out = Vec::new();
        for r in &self.rules {
            match vm::run(&r.prog, ctx) {
                Ok(Value::Bool(true)) | Ok(Value::Nil) => {}
                Ok(Value::Bool(false)) => out.push(Violation { rule: r.name.clone(), error: None }),
                Ok(other) => out.push(Violation {
                    rule: r.name.clone(),
                    error: Some(format!("rule produced {other:?}, expected bool")),
                }),
                Err(e) => out.push(Violation { rule: r.name.clone(), error: Some(e.to_string()) }),
            }
        }
        out
    }

    /// Load a binary rule pack (`.rkb`).
    pub fn from_pack(bytes: &[u8]) -> Result<Self, CompileError> {
        pack::decode(bytes)
    }
}
