//! Feature flags as Rhai rules.

use rhai::{Dynamic, Engine, FnPtr, Map, Scope, AST};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

mod pack;

pub struct Flags {
    engine: Engine,
    source: PathBuf,
    rules: Arc<RwLock<HashMap<String, (FnPtr, AST)>>>,
}

#[derive(Debug)]
pub struct Error(String);
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for Error {}

impl Flags {
    pub fn from_file(path: impl Into<PathBuf>) -> Result<Flags, Error> {
        let mut engine = Engine::new();
        engine.set_max_operations(100_000);
        pack::register(&mut engine);
        let f = Flags { engine, source: path.into(), rules: Default::default() };
        f.refresh()?;
        Ok(f)
    }

    /// Re-read the rules file (and the built-in pack).
    pub fn refresh(&self) -> Result<(), Error> {
        let prelude = pack::prelude(&self.engine);
        let text = std::fs::read_to_string(&self.source).map_err(|e| Error(e.to_string()))?;
        let collected: Arc<RwLock<Vec<(String, FnPtr)>>> = Default::default();
        let mut engine = Engine::new();
        pack::register(&mut engine);
        let c2 = collected.clone();
        engine.register_fn("flag", move |name: &str, f: FnPtr| {
            c2.write().unwrap().push((name.to_string(), f));
        });
        let ast = engine.compile(&text).map_err(|e| Error(e.to_string()))?;
        let ast = match prelude {
            Some(p) => p.merge(&ast),
            None => ast,
        };
        engine.run_ast(&ast).map_err(|e| Error(e.to_string()))?;
        let mut rules = self.rules.write().unwrap();
        rules.clear();
        for (n, f) in collected.read().unwrap().iter() {
            rules.insert(n.clone(), (f.clone(), ast.clone()));
        }
        Ok(())
    }

    pub fn enabled(&self, name: &str, subject: &Map) -> bool {
        let rules = self.rules.read().unwrap();
        let Some((f, ast)) = rules.get(name) else { return false };
        f.call::<bool>(&self.engine, ast, (Dynamic::from_map(subject.clone()),)).unwrap_or(false)
    }

    pub fn names(&self) -> Vec<String> {
        self.rules.read().unwrap().keys().cloned().collect()
    }

    #[doc(hidden)]
    pub fn scope(&self) -> Scope<'static> {
        Scope::new()
    }
}
