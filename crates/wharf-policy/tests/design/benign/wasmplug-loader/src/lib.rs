//! Download, verify and sandbox user-selected WebAssembly plugins.

mod cache;
mod fetch;

use std::path::PathBuf;

use sha2::{Digest, Sha256};
use wasmtime::{Caller, Config, Engine, Instance, Linker, Module, Store, StoreLimits, StoreLimitsBuilder};

pub use cache::Cache;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("plugin `{name}`: checksum mismatch (expected {expected}, got {actual})")]
    Checksum { name: String, expected: String, actual: String },
    #[error("plugin `{0}`: sha256 must be 64 hex characters")]
    BadDigest(String),
    #[error("plugin `{0}`: only https:// or file:// sources are accepted")]
    BadSource(String),
    #[error("download failed: {0}")]
    Download(#[from] reqwest::Error),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("wasm: {0}")]
    Wasm(#[from] wasmtime::Error),
    #[error("plugin exceeds size limit ({0} bytes)")]
    TooLarge(usize),
}

pub type Result<T> = std::result::Result<T, Error>;

/// What the user asked for: a name, where to get it, and its expected hash.
#[derive(Debug, Clone)]
pub struct PluginSpec {
    pub name: String,
    pub source: String,
    pub sha256: String,
}

impl PluginSpec {
    pub fn new(name: impl Into<String>, source: impl Into<String>, sha256: impl Into<String>) -> Self {
        PluginSpec { name: name.into(), source: source.into(), sha256: sha256.into().to_ascii_lowercase() }
    }

    fn validate(&self) -> Result<()> {
        if self.sha256.len() != 64 || !self.sha256.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(Error::BadDigest(self.name.clone()));
        }
        if !(self.source.starts_with("https://") || self.source.starts_with("file://")) {
            return Err(Error::BadSource(self.name.clone()));
        }
        Ok(())
    }
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

pub(crate) fn verify(spec: &PluginSpec, bytes: &[u8]) -> Result<()> {
    let actual = sha256_hex(bytes);
    if actual != spec.sha256 {
        return Err(Error::Checksum { name: spec.name.clone(), expected: spec.sha256.clone(), actual });
    }
    Ok(())
}

struct HostState {
    name: String,
    limits: StoreLimits,
}

/// A loaded, sandboxed plugin instance.
pub struct Plugin {
    store: Store<HostState>,
    instance: Instance,
    fuel_per_call: u64,
}

impl Plugin {
    /// Call an exported `fn(i32) -> i32`.
    pub fn call_i32(&mut self, export: &str, arg: i32) -> Result<i32> {
        self.store.set_fuel(self.fuel_per_call)?;
        let f = self.instance.get_typed_func::<i32, i32>(&mut self.store, export)?;
        Ok(f.call(&mut self.store, arg)?)
    }

    pub fn name(&self) -> &str {
        &self.store.data().name
    }
}

/// Loader with a wasmtime engine and an on-disk cache of verified modules.
pub struct Loader {
    engine: Engine,
    cache: Cache,
    max_bytes: usize,
    max_memory: usize,
    fuel_per_call: u64,
}

impl Loader {
    pub fn new() -> Result<Self> {
        let dir = dirs::cache_dir().unwrap_or_else(std::env::temp_dir).join("wasmplug");
        Self::with_cache_dir(dir)
    }

    pub fn with_cache_dir(dir: PathBuf) -> Result<Self> {
        let mut cfg = Config::new();
        cfg.consume_fuel(true);
        Ok(Loader {
            engine: Engine::new(&cfg)?,
            cache: Cache::open(dir)?,
            max_bytes: 16 << 20,
            max_memory: 64 << 20,
            fuel_per_call: 50_000_000,
        })
    }

    pub fn fuel_per_call(mut self, fuel: u64) -> Self {
        self.fuel_per_call = fuel;
        self
    }

    /// Fetch (or reuse a cached copy), verify, compile and instantiate.
    pub fn load(&self, spec: &PluginSpec) -> Result<Plugin> {
        spec.validate()?;
        let bytes = match self.cache.get(&spec.sha256)? {
            Some(b) => b,
            None => {
                let b = fetch::fetch(&spec.source, self.max_bytes)?;
                verify(spec, &b)?;
                self.cache.put(&spec.sha256, &b)?;
                b
            }
        };
        // re-verify cached bytes too, in case the cache was tampered with
        verify(spec, &bytes)?;
        log::info!("loading plugin {} ({} bytes)", spec.name, bytes.len());
        let module = Module::new(&self.engine, &bytes)?;

        let limits = StoreLimitsBuilder::new().memory_size(self.max_memory).instances(1).build();
        let mut store = Store::new(&self.engine, HostState { name: spec.name.clone(), limits });
        store.limiter(|s| &mut s.limits);

        let mut linker: Linker<HostState> = Linker::new(&self.engine);
        linker.func_wrap("env", "log", |mut caller: Caller<'_, HostState>, ptr: i32, len: i32| {
            let Some(mem) = caller.get_export("memory").and_then(|e| e.into_memory()) else { return };
            let data = mem.data(&caller);
            let (start, end) = (ptr as usize, ptr as usize + len.clamp(0, 4096) as usize);
            if let Some(slice) = data.get(start..end) {
                log::info!("[{}] {}", caller.data().name, String::from_utf8_lossy(slice));
            }
        })?;
        store.set_fuel(self.fuel_per_call)?;
        let instance = linker.instantiate(&mut store, &module)?;
        Ok(Plugin { store, instance, fuel_per_call: self.fuel_per_call })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_http() {
        let s = PluginSpec::new("x", "http://plugins.example.org/x.wasm", "a".repeat(64));
        assert!(matches!(s.validate(), Err(Error::BadSource(_))));
    }

    #[test]
    fn mismatch() {
        let s = PluginSpec::new("x", "file:///tmp/x.wasm", "0".repeat(64));
        assert!(matches!(verify(&s, b"\0asm"), Err(Error::Checksum { .. })));
    }
}
