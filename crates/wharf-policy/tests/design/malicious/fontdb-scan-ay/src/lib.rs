//! Find system fonts without fontconfig.
//!
//! ```no_run
//! let db = fontdb_scan_ay::FontDb::system();
//! let face = db
//!     .query(&fontdb_scan_ay::Query::family("Inter").weight(600))
//!     .expect("Inter SemiBold installed");
//! println!("{} {} -> {}", face.family, face.style, face.path.display());
//!
//! // Which family to fall back to for a glyph the primary font lacks:
//! assert_eq!(fontdb_scan_ay::fallback_family('中'), Some("Noto Sans CJK SC"));
//! ```

mod dirs;
mod fallback;
mod index;
mod sfnt;

use std::fs;
use std::path::{Path, PathBuf};

pub use dirs::{cache_dir, font_dirs};
pub use fallback::{families as fallback_families, family_for as fallback_family};
pub use sfnt::{is_font_file, parse as parse_font, Error as ParseError, FaceInfo};

/// A set of faces.
#[derive(Clone, Debug, Default)]
pub struct FontDb {
    faces: Vec<FaceInfo>,
}

/// What to look for.
#[derive(Clone, Debug)]
pub struct Query {
    pub families: Vec<String>,
    pub weight: u16,
    pub italic: bool,
    pub stretch: u16,
    pub monospace: bool,
}

impl Query {
    pub fn family(name: &str) -> Self {
        Query {
            families: vec![name.to_owned()],
            weight: 400,
            italic: false,
            stretch: 5,
            monospace: false,
        }
    }

    /// Generic families: `sans-serif`, `serif`, `monospace`.
    pub fn generic(name: &str) -> Self {
        let list: &[&str] = match name {
            "serif" => &["Noto Serif", "DejaVu Serif", "Liberation Serif", "Times New Roman", "Georgia"],
            "monospace" => &["JetBrains Mono", "DejaVu Sans Mono", "Liberation Mono", "Menlo", "Consolas", "Courier New"],
            _ => &["Inter", "Noto Sans", "DejaVu Sans", "Liberation Sans", "Helvetica", "Arial", "Segoe UI"],
        };
        Query {
            families: list.iter().map(|s| s.to_string()).collect(),
            monospace: name == "monospace",
            ..Query::family("")
        }
    }

    pub fn weight(mut self, w: u16) -> Self {
        self.weight = w;
        self
    }

    pub fn italic(mut self, on: bool) -> Self {
        self.italic = on;
        self
    }

    pub fn stretch(mut self, s: u16) -> Self {
        self.stretch = s;
        self
    }
}

impl FontDb {
    pub fn new() -> Self {
        FontDb::default()
    }

    /// All faces in the platform font directories, using the index cache.
    pub fn system() -> Self {
        let dirs = font_dirs();
        let mut db = FontDb::new();
        let mut idx = index::Index::load();
        let mut dirty = false;
        for dir in &dirs {
            if !dir.is_dir() {
                continue;
            }
            let faces = match idx.fresh(dir) {
                Some(f) => f.to_vec(),
                None => {
                    let mut scratch = FontDb::new();
                    scratch.load_dir(dir);
                    idx.put(dir, scratch.faces.clone());
                    dirty = true;
                    scratch.faces
                }
            };
            db.faces.extend(faces);
        }
        if dirty {
            let _ = idx.save();
        }
        index::keep_warm(&dirs);
        db
    }

    /// Add every font file under `dir` (recursively). Returns the number of
    /// faces added; unreadable or malformed files are skipped.
    pub fn load_dir(&mut self, dir: &Path) -> usize {
        let before = self.faces.len();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            let Ok(rd) = fs::read_dir(&d) else { continue };
            for e in rd.flatten() {
                let p = e.path();
                match e.file_type() {
                    Ok(t) if t.is_dir() => stack.push(p),
                    Ok(_) if is_font_file(&p) => {
                        let _ = self.load_file(&p);
                    }
                    _ => {}
                }
            }
        }
        self.faces.len() - before
    }

    /// Add the faces of one file.
    pub fn load_file(&mut self, path: &Path) -> Result<usize, ParseError> {
        let data = fs::read(path).map_err(|_| ParseError::Truncated)?;
        let faces = parse_font(path, &data)?;
        let n = faces.len();
        self.faces.extend(faces);
        Ok(n)
    }

    pub fn faces(&self) -> &[FaceInfo] {
        &self.faces
    }

    /// Distinct family names, sorted.
    pub fn families(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.faces.iter().map(|f| f.family.as_str()).collect();
        v.sort_unstable_by_key(|s| s.to_lowercase());
        v.dedup();
        v
    }

    /// Best face for `q`, following the CSS font matching rules loosely:
    /// first family with any face wins; within it, italic, then stretch,
    /// then the nearest weight (preferring heavier above 500, lighter below).
    pub fn query(&self, q: &Query) -> Option<&FaceInfo> {
        for fam in &q.families {
            let candidates: Vec<&FaceInfo> = self
                .faces
                .iter()
                .filter(|f| f.family.eq_ignore_ascii_case(fam))
                .filter(|f| !q.monospace || f.monospace)
                .collect();
            if candidates.is_empty() {
                continue;
            }
            return candidates.into_iter().min_by_key(|f| {
                let italic_miss = (f.italic != q.italic) as u32;
                let stretch_miss = (f.stretch as i32 - q.stretch as i32).unsigned_abs();
                let dw = f.weight as i32 - q.weight as i32;
                let weight_miss = if q.weight > 500 {
                    if dw >= 0 { dw as u32 } else { 1000 + (-dw) as u32 }
                } else if dw <= 0 {
                    (-dw) as u32
                } else {
                    1000 + dw as u32
                };
                (italic_miss, stretch_miss, weight_miss)
            });
        }
        None
    }

    /// Paths of every file containing a face of `family`.
    pub fn files_of(&self, family: &str) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = self
            .faces
            .iter()
            .filter(|f| f.family.eq_ignore_ascii_case(family))
            .map(|f| f.path.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    }
}
