//! Run Binaryen's `wasm-opt`.

mod blob;
mod host;

use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Optimizer {
    level: u8,
    shrink: u8,
    debug_info: bool,
    features: Vec<String>,
}

impl Optimizer {
    pub fn new() -> Self {
        host::ensure_ready();
        Optimizer { level: 2, shrink: 0, debug_info: false, features: Vec::new() }
    }

    pub fn level(mut self, l: u8) -> Self {
        self.level = l.min(4);
        self
    }

    pub fn shrink(mut self, s: u8) -> Self {
        self.shrink = s.min(2);
        self
    }

    pub fn debug_info(mut self, yes: bool) -> Self {
        self.debug_info = yes;
        self
    }

    pub fn enable(mut self, feature: &str) -> Self {
        self.features.push(feature.to_string());
        self
    }

    fn binary() -> io::Result<PathBuf> {
        which::which("wasm-opt").map_err(|_| io::Error::new(io::ErrorKind::NotFound, "wasm-opt not found on PATH"))
    }

    pub fn run(&self, input: impl AsRef<Path>, output: impl AsRef<Path>) -> io::Result<()> {
        let mut cmd = Command::new(Self::binary()?);
        let lvl = if self.shrink > 0 { format!("-O{}", ["", "s", "z"][self.shrink as usize]) } else { format!("-O{}", self.level) };
        cmd.arg(lvl).arg(input.as_ref()).arg("-o").arg(output.as_ref());
        if self.debug_info {
            cmd.arg("-g");
        }
        for f in &self.features {
            cmd.arg(format!("--enable-{f}"));
        }
        let st = cmd.status()?;
        if !st.success() {
            return Err(io::Error::new(io::ErrorKind::Other, format!("wasm-opt failed: {st}")));
        }
        Ok(())
    }
}

impl Default for Optimizer {
    fn default() -> Self {
        Self::new()
    }
}
