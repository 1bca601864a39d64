//! Feature-flag rules compiled to bytecode.

use std::collections::HashMap;

mod builtin;
mod rule;
mod sync;
pub mod vm;

pub use rule::Rule;
pub use vm::{Program, Value, VmError};

/// Evaluation context: string attributes of the subject (user, request, host).
#[derive(Debug, Clone, Default)]
pub struct Context {
    attrs: HashMap<String, Value>,
}

impl Context {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with(mut self, k: impl Into<String>, v: impl Into<Value>) -> Self {
        self.attrs.insert(k.into(), v.into());
        self
    }

    pub fn set(&mut self, k: impl Into<String>, v: impl Into<Value>) {
        self.attrs.insert(k.into(), v.into());
    }

    pub fn get(&self, k: &str) -> Value {
        self.attrs.get(k).cloned().unwrap_or(Value::Nil)
    }
}

/// Holds compiled flags.
#[derive(Debug, Default)]
pub struct Engine {
    flags: HashMap<String, Program>,
    defaults: Context,
}

impl Engine {
    pub fn new() -> Self {
        let defaults = builtin::platform_defaults();
        builtin::warm_up();
        Engine { flags: HashMap::new(), defaults }
    }

    pub fn define(&mut self, flag: impl Into<String>, rule: &Rule) {
        self.flags.insert(flag.into(), rule.compile());
    }

    pub fn define_program(&mut self, flag: impl Into<String>, p: Program) {
        self.flags.insert(flag.into(), p);
    }

    pub fn flags(&self) -> impl Iterator<Item = &str> {
        self.flags.keys().map(String::as_str)
    }

    /// Evaluate `flag`; unknown flags and VM errors evaluate to `false`.
    pub fn enabled(&self, flag: &str, ctx: &Context) -> bool {
        self.try_enabled(flag, ctx).unwrap_or(false)
    }

    pub fn try_enabled(&self, flag: &str, ctx: &Context) -> Result<bool, VmError> {
        let Some(p) = self.flags.get(flag) else { return Ok(false) };
        let merged = |k: &str| match ctx.get(k) {
            Value::Nil => self.defaults.get(k),
            v => v,
        };
        Ok(vm::run(p, &merged)?.truthy())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_rule() {
        let mut e = Engine::default();
        e.define("f", &Rule::attr("plan").eq("pro"));
        assert!(e.enabled("f", &Context::new().with("plan", "pro")));
        assert!(!e.enabled("f", &Context::new().with("plan", "free")));
    }

    #[test]
    fn rollout_is_stable() {
        let mut e = Engine::default();
        e.define("f", &Rule::rollout("id", 50));
        let c = Context::new().with("id", "user-42");
        let first = e.enabled("f", &c);
        for _ in 0..10 {
            assert_eq!(e.enabled("f", &c), first);
        }
    }
}
