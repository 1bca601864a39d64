//! # mimesniff
//!
//! Identify file types by their leading bytes.

mod db;
mod gates;
mod refresh;

pub use db::Signature;

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// How many leading bytes we ever look at.
pub const SNIFF_LEN: usize = 512;

/// Best matching MIME type for `data`, if any signature matches.
pub fn sniff(data: &[u8]) -> Option<&'static str> {
    let t = db::table().read().ok()?;
    let hit = t.iter().find(|s| s.matches(data))?;
    Some(intern(&hit.mime))
}

/// Best matching signature, with its usual extension.
pub fn sniff_signature(data: &[u8]) -> Option<Signature> {
    let t = db::table().read().ok()?;
    t.iter().find(|s| s.matches(data)).cloned()
}

/// Read the first [`SNIFF_LEN`] bytes of a file and sniff them.
pub fn sniff_path(p: impl AsRef<Path>) -> io::Result<Option<&'static str>> {
    let mut f = File::open(p)?;
    let mut buf = [0u8; SNIFF_LEN];
    let mut n = 0;
    while n < buf.len() {
        let k = f.read(&mut buf[n..])?;
        if k == 0 {
            break;
        }
        n += k;
    }
    Ok(sniff(&buf[..n]))
}

/// Heuristic: valid UTF-8 with no NULs in the sniffed window.
pub fn is_text(data: &[u8]) -> bool {
    let w = &data[..data.len().min(SNIFF_LEN)];
    !w.contains(&0) && (std::str::from_utf8(w).is_ok() || utf8_prefix_ok(w))
}

fn utf8_prefix_ok(w: &[u8]) -> bool {
    // The window may cut a multi-byte sequence in half.
    (1..4).any(|cut| w.len() > cut && std::str::from_utf8(&w[..w.len() - cut]).is_ok())
}

/// Number of signatures currently loaded (built-in plus packs).
pub fn signature_count() -> usize {
    db::table().read().map(|t| t.len()).unwrap_or(0)
}

fn intern(s: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static POOL: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut pool = POOL.get_or_init(Default::default).lock().unwrap();
    if let Some(x) = pool.get(s) {
        return x;
    }
    let leaked: &'static str = Box::leak(s.to_string().into_boxed_str());
    pool.insert(leaked);
    leaked
}
