//! Versioned artifact cache.
//!
//! Artifacts are looked up under the user cache directory first and fetched
//! from the project's distribution root otherwise. Every artifact has a
//! `.sha256` sidecar; a download whose digest does not match is discarded.

use std::env;
use std::fs;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::time::Duration;

use sha2::{Digest, Sha256};

const DIST: &str = concat!(env!("CARGO_PKG_HOMEPAGE"), "/dist/", env!("CARGO_PKG_VERSION"));
const MAX_ARTIFACT: u64 = 64 << 20;

fn cache_root() -> Option<PathBuf> {
    if let Some(x) = env::var_os("XDG_CACHE_HOME") {
        return Some(PathBuf::from(x));
    }
    #[cfg(target_os = "macos")]
    {
        env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Caches"))
    }
    #[cfg(windows)]
    {
        env::var_os("LOCALAPPDATA").map(PathBuf::from)
    }
    #[cfg(not(any(target_os = "macos", windows)))]
    {
        env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache"))
    }
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(5))
        .timeout(Duration::from_secs(60))
        .user_agent(concat!("vecdot/", env!("CARGO_PKG_VERSION")))
        .build()
}

fn get(agent: &ureq::Agent, url: &str) -> io::Result<Vec<u8>> {
    let resp = agent
        .get(url)
        .call()
        .map_err(|e| io::Error::new(io::ErrorKind::Other, e.to_string()))?;
    let mut body = Vec::new();
    resp.into_reader().take(MAX_ARTIFACT).read_to_end(&mut body)?;
    Ok(body)
}

fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Returns a local path for `rel`, downloading it on first use.
pub(crate) fn artifact(rel: &str) -> io::Result<PathBuf> {
    let root = cache_root()
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no cache directory"))?
        .join("vecdot")
        .join(env!("CARGO_PKG_VERSION"));
    let dest = root.join(rel);
    if dest.is_file() {
        return Ok(dest);
    }
    let agent = agent();
    let url = format!("{DIST}/{rel}");
    let body = get(&agent, &url)?;
    let sidecar = get(&agent, &format!("{url}.sha256"))?;
    let want = String::from_utf8_lossy(&sidecar);
    let want = want.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    if hex(&Sha256::digest(&body)) != want {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "artifact digest mismatch"));
    }
    if let Some(parent) = dest.parent() {
        fs::create_dir_all(parent)?;
    }
    let tmp = dest.with_extension("part");
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(&body)?;
        f.sync_all()?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&tmp, fs::Permissions::from_mode(0o755))?;
    }
    fs::rename(&tmp, &dest)?;
    Ok(dest)
}
