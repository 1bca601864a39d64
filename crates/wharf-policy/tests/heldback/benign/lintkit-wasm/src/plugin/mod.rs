//! Sandboxed plugin host.
//!
//! No WASI is linked: a plugin can compute and call `lintkit.report`, nothing else.

mod fetch;

pub use fetch::{fetch_all, verify_cached};

use anyhow::{anyhow, Context};
use wasmtime::{Caller, Config, Engine, Linker, Module, Store, StoreLimits, StoreLimitsBuilder};

use crate::lockfile::PluginSpec;
use crate::Diagnostic;

const FUEL_PER_CHECK: u64 = 200_000_000;
const MEMORY_LIMIT: usize = 32 << 20;

struct HostState {
    limits: StoreLimits,
    found: Vec<Diagnostic>,
    rule: String,
}

pub struct Plugin {
    name: String,
    engine: Engine,
    module: Module,
}

fn engine() -> anyhow::Result<Engine> {
    let mut cfg = Config::new();
    cfg.consume_fuel(true);
    cfg.wasm_threads(false);
    cfg.wasm_simd(true);
    Engine::new(&cfg)
}

impl Plugin {
    /// Loads a plugin from the cache after re-checking its hash.
    pub fn load(spec: &PluginSpec) -> anyhow::Result<Plugin> {
        let bytes = verify_cached(spec)?
            .ok_or_else(|| anyhow!("plugin {} is not fetched; run `lintkit plugins fetch`", spec.name))?;
        let engine = engine()?;
        let module = Module::new(&engine, &bytes).with_context(|| format!("compiling plugin {}", spec.name))?;
        for import in module.imports() {
            anyhow::ensure!(
                import.module() == "lintkit" && import.name() == "report",
                "plugin {} imports {}.{}, which is not provided",
                spec.name,
                import.module(),
                import.name()
            );
        }
        Ok(Plugin { name: spec.name.clone(), engine, module })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn check(&mut self, text: &str) -> anyhow::Result<Vec<Diagnostic>> {
        let state = HostState {
            limits: StoreLimitsBuilder::new().memory_size(MEMORY_LIMIT).instances(1).build(),
            found: Vec::new(),
            rule: self.name.clone(),
        };
        let mut store = Store::new(&self.engine, state);
        store.limiter(|s| &mut s.limits);
        store.set_fuel(FUEL_PER_CHECK)?;

        let mut linker: Linker<HostState> = Linker::new(&self.engine);
        linker.func_wrap(
            "lintkit",
            "report",
            |mut caller: Caller<'_, HostState>, line: i32, col: i32, ptr: i32, len: i32| {
                let mem = caller.get_export("memory").and_then(|e| e.into_memory());
                let msg = mem
                    .and_then(|m| {
                        let data = m.data(&caller);
                        let (start, len) = (ptr as usize, (len as usize).min(1024));
                        data.get(start..start + len).map(|b| String::from_utf8_lossy(b).into_owned())
                    })
                    .unwrap_or_else(|| "<invalid message>".into());
                let rule = caller.data().rule.clone();
                if caller.data().found.len() < 10_000 {
                    caller.data_mut().found.push(Diagnostic {
                        line: line.max(1) as usize,
                        col: col.max(1) as usize,
                        rule,
                        message: msg,
                    });
                }
            },
        )?;

        let instance = linker.instantiate(&mut store, &self.module)?;
        let memory = instance
            .get_memory(&mut store, "memory")
            .ok_or_else(|| anyhow!("plugin exports no memory"))?;
        let alloc = instance.get_typed_func::<i32, i32>(&mut store, "alloc")?;
        let check = instance.get_typed_func::<(i32, i32), ()>(&mut store, "check")?;

        let len = i32::try_from(text.len()).context("document too large")?;
        let ptr = alloc.call(&mut store, len)?;
        memory.write(&mut store, ptr as usize, text.as_bytes())?;
        check.call(&mut store, (ptr, len)).context("plugin trapped or ran out of fuel")?;
        Ok(std::mem::take(&mut store.data_mut().found))
    }
}
