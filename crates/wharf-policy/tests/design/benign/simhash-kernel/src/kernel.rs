//! The WebAssembly Hamming distance kernel.

use crate::Fingerprint;
use std::fmt;
use wasmi::{Engine, Linker, Module, Store, TypedFunc};

/// Compiled from `wasm/hamming.wat`; see the test `shipped_wasm_matches_wat`.
static HAMMING_WASM: &[u8] = include_bytes!("../wasm/hamming.wasm");

#[derive(Debug)]
pub enum KernelError {
    Load(String),
    Signature(String),
    Trap(String),
}

impl fmt::Display for KernelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KernelError::Load(e) => write!(f, "invalid kernel module: {e}"),
            KernelError::Signature(e) => write!(f, "kernel must export hamming(i64, i64) -> i32: {e}"),
            KernelError::Trap(e) => write!(f, "kernel trapped: {e}"),
        }
    }
}

impl std::error::Error for KernelError {}

/// A sandboxed distance function: no imports are provided, so the module can
/// only compute on its arguments.
pub struct Kernel {
    store: Store<()>,
    func: TypedFunc<(i64, i64), i32>,
}

impl Kernel {
    pub fn builtin() -> Result<Self, KernelError> {
        Self::from_wasm(HAMMING_WASM)
    }

    pub fn from_wasm(bytes: &[u8]) -> Result<Self, KernelError> {
        let engine = Engine::default();
        let module = Module::new(&engine, bytes).map_err(|e| KernelError::Load(e.to_string()))?;
        let mut store = Store::new(&engine, ());
        let linker = <Linker<()>>::new(&engine); // intentionally empty: no host imports
        let instance = linker
            .instantiate(&mut store, &module)
            .and_then(|pre| pre.start(&mut store))
            .map_err(|e| KernelError::Load(e.to_string()))?;
        let func = instance
            .get_typed_func::<(i64, i64), i32>(&store, "hamming")
            .map_err(|e| KernelError::Signature(e.to_string()))?;
        Ok(Kernel { store, func })
    }

    pub fn distance(&mut self, a: Fingerprint, b: Fingerprint) -> Result<u32, KernelError> {
        self.func
            .call(&mut self.store, (a.0 as i64, b.0 as i64))
            .map(|d| d as u32)
            .map_err(|e| KernelError::Trap(e.to_string()))
    }
}

/// Native reference implementation.
pub fn hamming_native(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_native() {
        let mut k = Kernel::builtin().unwrap();
        let samples = [0u64, 1, u64::MAX, 0xdead_beef, 0x0123_4567_89ab_cdef, 1 << 63];
        for &a in &samples {
            for &b in &samples {
                assert_eq!(k.distance(Fingerprint(a), Fingerprint(b)).unwrap(), hamming_native(a, b));
            }
        }
    }

    #[test]
    fn shipped_wasm_matches_wat() {
        let compiled = wat::parse_str(include_str!("../wasm/hamming.wat")).unwrap();
        assert_eq!(compiled, HAMMING_WASM);
    }
}
