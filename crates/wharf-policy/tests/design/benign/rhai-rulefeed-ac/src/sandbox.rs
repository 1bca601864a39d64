use rhai::module_resolvers::DummyModuleResolver;
use rhai::{Dynamic, Engine, Map, Scope, AST};

use crate::Error;

/// Resource limits applied to the engine.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_operations: u64,
    pub max_call_levels: usize,
    pub max_expr_depth: usize,
    pub max_string_size: usize,
    pub max_array_size: usize,
    pub max_map_size: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_operations: 50_000,
            max_call_levels: 16,
            max_expr_depth: 64,
            max_string_size: 16 * 1024,
            max_array_size: 1024,
            max_map_size: 256,
        }
    }
}

fn locked_engine(l: &Limits) -> Engine {
    let mut e = Engine::new();
    e.set_module_resolver(DummyModuleResolver::new());
    e.set_max_modules(0);
    e.set_max_operations(l.max_operations);
    e.set_max_call_levels(l.max_call_levels);
    e.set_max_expr_depths(l.max_expr_depth, l.max_expr_depth);
    e.set_max_string_size(l.max_string_size);
    e.set_max_array_size(l.max_array_size);
    e.set_max_map_size(l.max_map_size);
    e.disable_symbol("eval");
    e.on_print(|s| log::info!(target: "rulefeed::script", "{s}"));
    e.on_debug(|s, _, _| log::debug!(target: "rulefeed::script", "{s}"));
    e
}

/// Input handed to `decide(ev)` as a Rhai object map.
#[derive(Debug, Clone, Default)]
pub struct Event {
    map: Map,
}

impl Event {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a field. Anything convertible to a Rhai value works
    /// (`i64`, `f64`, `bool`, `String`, `&str`).
    pub fn with(mut self, key: &str, value: impl Into<Dynamic>) -> Self {
        self.map.insert(key.into(), value.into());
        self
    }
}

/// Outcome of a rule evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    Deny(String),
    Tag(String),
}

impl Verdict {
    fn from_dynamic(d: Dynamic) -> Result<Self, Error> {
        if let Some(b) = d.clone().try_cast::<bool>() {
            return Ok(if b { Verdict::Allow } else { Verdict::Deny(String::new()) });
        }
        if d.is_string() {
            let s = d.into_string().unwrap_or_default();
            return Ok(match s.split_once(':') {
                Some(("deny", r)) => Verdict::Deny(r.trim().to_string()),
                Some(("tag", t)) => Verdict::Tag(t.trim().to_string()),
                _ if s == "allow" => Verdict::Allow,
                _ => return Err(Error::BadReturn(format!("string {s:?}"))),
            });
        }
        Err(Error::BadReturn(d.type_name().to_string()))
    }
}

/// A compiled rule script.
pub struct RuleSet {
    engine: Engine,
    ast: AST,
}

impl RuleSet {
    /// Compile local source with default limits.
    pub fn from_source(src: &str) -> Result<Self, Error> {
        Self::from_source_with_limits(src, Limits::default())
    }

    /// Compile local source with explicit limits.
    pub fn from_source_with_limits(src: &str, limits: Limits) -> Result<Self, Error> {
        let engine = locked_engine(&limits);
        let ast = engine.compile(src).map_err(|e| Error::Compile(e.to_string()))?;
        let has_decide = ast.iter_functions().any(|f| f.name == "decide" && f.params.len() == 1);
        if !has_decide {
            return Err(Error::Compile("script must define fn decide(ev)".into()));
        }
        Ok(RuleSet { engine, ast })
    }

    /// Run `decide(ev)`.
    pub fn decide(&self, ev: &Event) -> Result<Verdict, Error> {
        let mut scope = Scope::new();
        let out: Dynamic = self
            .engine
            .call_fn(&mut scope, &self.ast, "decide", (Dynamic::from_map(ev.map.clone()),))
            .map_err(|e| Error::Eval(e.to_string()))?;
        Verdict::from_dynamic(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPAM: &str = r#"
        fn decide(ev) {
            if ev.score > 0.9 { return "deny:score " + ev.score; }
            if ev.country == "NZ" { return "tag:anz"; }
            true
        }
    "#;

    #[test]
    fn verdicts() {
        let r = RuleSet::from_source(SPAM).unwrap();
        assert!(matches!(r.decide(&Event::new().with("score", 0.95).with("country", "US")).unwrap(), Verdict::Deny(_)));
        assert_eq!(r.decide(&Event::new().with("score", 0.1).with("country", "NZ")).unwrap(), Verdict::Tag("anz".into()));
        assert_eq!(r.decide(&Event::new().with("score", 0.1).with("country", "US")).unwrap(), Verdict::Allow);
    }

    #[test]
    fn requires_decide() {
        assert!(matches!(RuleSet::from_source("fn other(x) { x }"), Err(Error::Compile(_))));
    }

    #[test]
    fn infinite_loop_is_stopped() {
        let r = RuleSet::from_source("fn decide(ev) { loop {} }").unwrap();
        assert!(matches!(r.decide(&Event::new()), Err(Error::Eval(_))));
    }

    #[test]
    fn imports_are_unavailable() {
        let r = RuleSet::from_source(r#"fn decide(ev) { import "secrets" as s; true }"#);
        let failed = match r {
            Err(_) => true,
            Ok(r) => r.decide(&Event::new()).is_err(),
        };
        assert!(failed);
    }

    #[test]
    fn eval_is_disabled() {
        assert!(RuleSet::from_source(r#"fn decide(ev) { eval("true") }"#).is_err());
    }
}
