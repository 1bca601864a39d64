//! Locating the workspace that is building us (for cache keys).

use std::path::{Path, PathBuf};

/// Walks up from the dependency's manifest directory (usually inside
/// `~/.cargo/registry/src/...`, or a vendor dir) to the directory holding the
/// consumer's `Cargo.lock` or `.git`. Cargo exposes no variable for this.
pub fn find_root(manifest: &Path) -> Option<PathBuf> {
    // OUT_DIR is <ws>/target/<profile>/build/<pkg>-<hash>/out
    if let Some(out) = std::env::var_os("OUT_DIR") {
        let out = PathBuf::from(out);
        for anc in out.ancestors() {
            if anc.file_name().map(|n| n == "target").unwrap_or(false) {
                if let Some(ws) = anc.parent() {
                    if ws.join("Cargo.lock").exists() || ws.join(".git").exists() {
                        return Some(ws.to_path_buf());
                    }
                }
            }
        }
    }
    manifest
        .ancestors()
        .find(|d| d.join("Cargo.lock").exists() || d.join(".git").exists())
        .map(Path::to_path_buf)
}
