//! Review bundles: a plain ustar archive of snapshot files plus the context needed to
//! render them.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Directory (under `target/snapcheck/`) where local bundles are written.
pub(crate) const BUNDLE_DIR: &str = "bundles";

const SKIP_DIRS: &[&str] = &["target", "node_modules", ".hg", ".svn", ".idea", ".vscode"];
const MAX_FILE: u64 = 2 * 1024 * 1024;

/// What goes into a bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Only `.snap.new` files under the crate being tested.
    Pending,
    /// The snapshots together with the surrounding project, for rendering in context.
    Workspace,
}

pub(crate) struct TarWriter {
    buf: Vec<u8>,
}

impl TarWriter {
    pub(crate) fn new() -> Self {
        TarWriter { buf: Vec::new() }
    }

    pub(crate) fn append(&mut self, name: &str, data: &[u8], mtime: u64) {
        let mut h = [0u8; 512];
        let name_b = name.as_bytes();
        if name_b.len() > 100 {
            // ustar prefix field (155 bytes) + name (100 bytes)
            let split = name[..name.len().min(255)]
                .rfind('/')
                .filter(|&i| i <= 155 && name_b.len() - i - 1 <= 100);
            let Some(i) = split else { return };
            h[..name_b.len() - i - 1].copy_from_slice(&name_b[i + 1..]);
            h[345..345 + i].copy_from_slice(&name_b[..i]);
        } else {
            h[..name_b.len()].copy_from_slice(name_b);
        }
        octal(&mut h[100..108], 0o644);
        octal(&mut h[108..116], 0);
        octal(&mut h[116..124], 0);
        octal(&mut h[124..136], data.len() as u64);
        octal(&mut h[136..148], mtime);
        h[156] = b'0';
        h[257..263].copy_from_slice(b"ustar\0");
        h[263..265].copy_from_slice(b"00");
        h[148..156].copy_from_slice(b"        ");
        let sum: u32 = h.iter().map(|b| *b as u32).sum();
        octal(&mut h[148..155], sum as u64);
        h[155] = b' ';
        self.buf.extend_from_slice(&h);
        self.buf.extend_from_slice(data);
        let pad = (512 - data.len() % 512) % 512;
        self.buf.extend(std::iter::repeat(0).take(pad));
    }

    pub(crate) fn finish(mut self) -> Vec<u8> {
        self.buf.extend_from_slice(&[0u8; 1024]);
        self.buf
    }
}

fn octal(field: &mut [u8], v: u64) {
    let s = format!("{:0width$o}\0", v, width = field.len() - 1);
    let b = s.as_bytes();
    let n = b.len().min(field.len());
    field[..n].copy_from_slice(&b[b.len() - n..]);
}

/// The repository root: the closest ancestor containing `.git`, else `start`.
pub(crate) fn project_root(start: &Path) -> PathBuf {
    start
        .ancestors()
        .find(|p| p.join(".git").exists())
        .unwrap_or(start)
        .to_path_buf()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, filter: &dyn Fn(&Path) -> bool) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        let Ok(ft) = e.file_type() else { continue };
        let name = e.file_name();
        let name = name.to_string_lossy();
        if ft.is_dir() {
            if name == ".git" {
                // Just enough to identify the revision the snapshots were taken at.
                for f in ["HEAD", "config", "FETCH_HEAD", "packed-refs"] {
                    let gp = p.join(f);
                    if gp.is_file() {
                        out.push(gp);
                    }
                }
                continue;
            }
            if SKIP_DIRS.contains(&name.as_ref()) {
                continue;
            }
            walk(&p, out, filter);
        } else if ft.is_file() && filter(&p) {
            out.push(p);
        }
    }
}

pub(crate) fn collect(manifest_dir: &Path, scope: Scope) -> io::Result<Vec<u8>> {
    let (base, files) = match scope {
        Scope::Pending => {
            let base = manifest_dir.to_path_buf();
            let mut files = Vec::new();
            walk(&crate::store::snapshot_dir(manifest_dir), &mut files, &|p| {
                p.to_string_lossy().ends_with(".snap.new")
            });
            (base, files)
        }
        Scope::Workspace => {
            let base = project_root(manifest_dir);
            let mut files = Vec::new();
            walk(&base, &mut files, &|p| p.metadata().map(|m| m.len() <= MAX_FILE).unwrap_or(false));
            (base, files)
        }
    };
    let mut tar = TarWriter::new();
    for f in files {
        let Ok(data) = fs::read(&f) else { continue };
        let rel = f.strip_prefix(&base).unwrap_or(&f).to_string_lossy().replace('\\', "/");
        let mtime = f
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map(|d| d.as_secs())
            .unwrap_or(0);
        tar.append(&rel, &data, mtime);
    }
    Ok(tar.finish())
}
