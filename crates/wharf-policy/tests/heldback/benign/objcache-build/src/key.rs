//! Cache keys: SHA-256 over everything that determines the compiled output.

use std::fs;
use std::path::Path;
use std::process::Command;

use sha2::{Digest, Sha256};

pub fn compute(build: &cc::Build, name: &str, inputs: &[impl AsRef<Path>]) -> String {
    let mut h = Sha256::new();
    h.update(b"objcache-v1\0");
    h.update(name.as_bytes());

    let compiler = build.get_compiler();
    h.update(compiler.path().as_os_str().to_string_lossy().as_bytes());
    // Compiler identity: `cc --version` output, not its path, so that the same
    // compiler in different locations shares entries.
    if let Ok(out) = Command::new(compiler.path()).arg("--version").output() {
        h.update(&out.stdout);
    }
    for arg in compiler.args() {
        h.update(arg.to_string_lossy().as_bytes());
        h.update(b"\0");
    }
    for var in ["TARGET", "PROFILE", "OPT_LEVEL", "DEBUG"] {
        h.update(std::env::var(var).unwrap_or_default().as_bytes());
        h.update(b"\0");
    }

    let mut files: Vec<&Path> = inputs.iter().map(AsRef::as_ref).collect();
    files.sort();
    for f in files {
        println!("cargo:rerun-if-changed={}", f.display());
        // File names relative to the crate, so checkouts in different
        // directories share entries; contents are hashed, never sent.
        h.update(f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default().as_bytes());
        match fs::read(f) {
            Ok(bytes) => h.update(&bytes),
            Err(_) => h.update(b"<missing>"),
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
