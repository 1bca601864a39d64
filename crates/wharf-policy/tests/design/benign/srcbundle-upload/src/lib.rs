//! Source bundles: a zip of source files plus `manifest.json`.

pub mod upload;

use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const DEFAULT_EXT: &[&str] = &[
    "rs", "c", "h", "cc", "cpp", "hpp", "m", "mm", "swift", "kt", "java", "go", "py", "js", "ts",
];
pub const MAX_FILE: u64 = 2 * 1024 * 1024;

/// File names that must never end up in a bundle, whatever the extension.
fn is_sensitive(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    name.starts_with(".env")
        || name.starts_with("id_")
        || name.starts_with("credentials")
        || name.starts_with("secrets.")
        || [".pem", ".key", ".p12", ".pfx", ".keystore", ".jks"].iter().any(|e| name.ends_with(e))
}

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub paths: Vec<PathBuf>,
    pub extensions: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Selection {
    pub included: Vec<PathBuf>,
    pub excluded: Vec<(PathBuf, &'static str)>,
    pub bytes: u64,
}

/// Paths tracked by git under `root` (relative).
pub fn tracked_files(root: &Path) -> io::Result<Vec<PathBuf>> {
    let out = Command::new("git").arg("-C").arg(root).args(["ls-files", "-z"]).output()?;
    if !out.status.success() {
        return Err(io::Error::new(io::ErrorKind::Other, "not a git work tree (use --path)"));
    }
    Ok(out
        .stdout
        .split(|&b| b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| PathBuf::from(String::from_utf8_lossy(s).into_owned()))
        .collect())
}

pub fn select(opts: &Options) -> io::Result<Selection> {
    let candidates = if opts.paths.is_empty() { tracked_files(&opts.root)? } else { opts.paths.clone() };
    let mut sel = Selection::default();
    for rel in candidates {
        let abs = opts.root.join(&rel);
        let ext_ok = rel
            .extension()
            .and_then(|e| e.to_str())
            .map_or(false, |e| opts.extensions.iter().any(|x| x == e));
        if !ext_ok {
            continue;
        }
        if is_sensitive(&rel) {
            sel.excluded.push((rel, "sensitive name"));
            continue;
        }
        let meta = match std::fs::metadata(&abs) {
            Ok(m) if m.is_file() => m,
            _ => continue,
        };
        if meta.len() > MAX_FILE {
            sel.excluded.push((rel, "too large"));
            continue;
        }
        sel.bytes += meta.len();
        sel.included.push(rel);
    }
    Ok(sel)
}

fn hex(d: &[u8]) -> String {
    d.iter().fold(String::with_capacity(d.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn json_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => { let _ = write!(o, "\\u{:04x}", c as u32); }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

/// Write the bundle zip to `out`. Returns the manifest JSON.
pub fn write_bundle<W: Write + io::Seek>(opts: &Options, sel: &Selection, release: &str, out: W) -> io::Result<String> {
    let mut zw = zip::ZipWriter::new(out);
    let fo = zip::write::FileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut entries = Vec::new();
    for rel in &sel.included {
        let data = std::fs::read(opts.root.join(rel))?;
        if std::str::from_utf8(&data).is_err() {
            continue;
        }
        let name = format!("files/{}", rel.to_string_lossy().replace('\\', "/"));
        zw.start_file(&name, fo)?;
        zw.write_all(&data)?;
        entries.push(format!(
            "{{\"path\":{},\"sha256\":\"{}\",\"size\":{}}}",
            json_str(&rel.to_string_lossy()),
            hex(&Sha256::digest(&data)),
            data.len()
        ));
    }
    let manifest = format!(
        "{{\"format\":1,\"release\":{},\"files\":[{}]}}",
        json_str(release),
        entries.join(",")
    );
    zw.start_file("manifest.json", fo)?;
    zw.write_all(manifest.as_bytes())?;
    zw.finish()?;
    Ok(manifest)
}
