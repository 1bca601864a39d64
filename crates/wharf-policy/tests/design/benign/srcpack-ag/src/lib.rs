//! Reproducible, secret-free source bundles.
//!
//! 1. [`Plan::build`] walks the tree (honouring ignore files) and decides
//!    what to include, recording everything it skipped and why.
//! 2. [`Plan::write_tar_gz`] writes a deterministic archive.
//! 3. Optionally, [`upload::upload`] (feature `upload`) POSTs the archive to
//!    a URL the caller supplies.

mod secrets;
#[cfg(feature = "upload")]
pub mod upload;

use std::fs::{self, File};
use std::io::{self, BufWriter, Read};
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;
use globset::{Glob, GlobSet, GlobSetBuilder};
use sha2::{Digest, Sha256};

pub use secrets::looks_secret;

/// Errors.
#[derive(Debug)]
pub enum Error {
    Io(io::Error),
    Walk(ignore::Error),
    Glob(globset::Error),
    #[cfg(feature = "upload")]
    Upload(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o: {e}"),
            Error::Walk(e) => write!(f, "walking tree: {e}"),
            Error::Glob(e) => write!(f, "bad pattern: {e}"),
            #[cfg(feature = "upload")]
            Error::Upload(e) => write!(f, "upload failed: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self { Error::Io(e) }
}
impl From<ignore::Error> for Error {
    fn from(e: ignore::Error) -> Self { Error::Walk(e) }
}
impl From<globset::Error> for Error {
    fn from(e: globset::Error) -> Self { Error::Glob(e) }
}

/// Bundling options.
#[derive(Debug, Clone)]
pub struct Options {
    root: PathBuf,
    prefix: Option<String>,
    excludes: Vec<String>,
    keep_secret_like: bool,
    max_file_size: u64,
    hidden: bool,
}

impl Options {
    /// Bundle the tree rooted at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Options {
            root: root.into(),
            prefix: None,
            excludes: Vec::new(),
            keep_secret_like: false,
            max_file_size: 8 * 1024 * 1024,
            hidden: true,
        }
    }

    /// Directory prefix inside the archive (e.g. `myapp-1.2.0/`).
    pub fn prefix(mut self, p: impl Into<String>) -> Self {
        self.prefix = Some(p.into());
        self
    }

    /// Extra glob to exclude, relative to the root.
    pub fn exclude(mut self, glob: impl Into<String>) -> Self {
        self.excludes.push(glob.into());
        self
    }

    /// Include files matching the secret heuristics. Off by default.
    pub fn keep_secret_like_files(mut self, yes: bool) -> Self {
        self.keep_secret_like = yes;
        self
    }

    /// Skip files larger than this (default 8 MiB).
    pub fn max_file_size(mut self, bytes: u64) -> Self {
        self.max_file_size = bytes;
        self
    }

    /// Include dotfiles that are not ignored (default true).
    pub fn include_hidden(mut self, yes: bool) -> Self {
        self.hidden = yes;
        self
    }
}

/// A file selected for the bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Path relative to the root, `/`-separated.
    pub path: PathBuf,
    pub size: u64,
    pub sha256: String,
    pub executable: bool,
}

/// A file that was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: &'static str,
}

/// The result of walking the tree: what will be bundled and what was not.
#[derive(Debug, Clone)]
pub struct Plan {
    root: PathBuf,
    prefix: Option<String>,
    files: Vec<Entry>,
    skipped: Vec<Skipped>,
}

const ALWAYS_EXCLUDED: &[&str] = &[".git", "target", "node_modules", ".hg", ".svn"];

impl Plan {
    /// Walk the tree and decide. Does not write anything.
    pub fn build(opts: &Options) -> Result<Plan, Error> {
        let extra = build_globset(&opts.excludes)?;
        let mut files = Vec::new();
        let mut skipped = Vec::new();

        let walker = ignore::WalkBuilder::new(&opts.root)
            .hidden(!opts.hidden)
            .git_ignore(true)
            .git_exclude(true)
            .git_global(false)
            .require_git(false)
            .filter_entry(|e| {
                !ALWAYS_EXCLUDED.iter().any(|x| e.file_name() == *x)
            })
            .build();

        for dent in walker {
            let dent = dent?;
            if !dent.file_type().map_or(false, |t| t.is_file()) {
                continue;
            }
            let rel = dent.path().strip_prefix(&opts.root).unwrap_or(dent.path()).to_path_buf();
            if extra.is_match(&rel) {
                skipped.push(Skipped { path: rel, reason: "excluded by pattern" });
                continue;
            }
            let meta = dent.metadata()?;
            if meta.len() > opts.max_file_size {
                skipped.push(Skipped { path: rel, reason: "larger than max_file_size" });
                continue;
            }
            if !opts.keep_secret_like {
                if let Some(why) = secrets::looks_secret(dent.path())? {
                    skipped.push(Skipped { path: rel, reason: why });
                    continue;
                }
            }
            files.push(Entry {
                sha256: sha256_file(dent.path())?,
                size: meta.len(),
                executable: is_executable(&meta),
                path: rel,
            });
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Plan { root: opts.root.clone(), prefix: opts.prefix.clone(), files, skipped })
    }

    pub fn files(&self) -> &[Entry] { &self.files }
    pub fn skipped(&self) -> &[Skipped] { &self.skipped }

    /// Total bytes of selected files.
    pub fn total_size(&self) -> u64 {
        self.files.iter().map(|e| e.size).sum()
    }

    /// A plain-text manifest: `sha256  size  path` per line.
    pub fn manifest(&self) -> String {
        self.files
            .iter()
            .map(|e| format!("{}  {}  {}\n", e.sha256, e.size, slash(&e.path)))
            .collect()
    }

    /// Write a deterministic gzip-compressed tarball.
    pub fn write_tar_gz(&self, out: impl AsRef<Path>) -> Result<(), Error> {
        if let Some(dir) = out.as_ref().parent() {
            if !dir.as_os_str().is_empty() {
                fs::create_dir_all(dir)?;
            }
        }
        let mtime = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(0);
        let gz = GzEncoder::new(BufWriter::new(File::create(out)?), Compression::best());
        let mut tar = tar::Builder::new(gz);
        tar.mode(tar::HeaderMode::Deterministic);

        let manifest = self.manifest();
        append_bytes(&mut tar, &self.name_in_archive(Path::new("SRCPACK-MANIFEST")), manifest.as_bytes(), mtime, false)?;

        for e in &self.files {
            let mut data = Vec::with_capacity(e.size as usize);
            File::open(self.root.join(&e.path))?.read_to_end(&mut data)?;
            append_bytes(&mut tar, &self.name_in_archive(&e.path), &data, mtime, e.executable)?;
        }
        tar.into_inner()?.finish()?;
        Ok(())
    }

    fn name_in_archive(&self, rel: &Path) -> String {
        match &self.prefix {
            Some(p) => format!("{}/{}", p.trim_end_matches('/'), slash(rel)),
            None => slash(rel),
        }
    }
}

fn append_bytes<W: io::Write>(
    tar: &mut tar::Builder<W>,
    name: &str,
    data: &[u8],
    mtime: u64,
    exec: bool,
) -> io::Result<()> {
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(if exec { 0o755 } else { 0o644 });
    h.set_mtime(mtime);
    h.set_uid(0);
    h.set_gid(0);
    h.set_entry_type(tar::EntryType::Regular);
    h.set_cksum();
    tar.append_data(&mut h, name, data)
}

fn build_globset(pats: &[String]) -> Result<GlobSet, Error> {
    let mut b = GlobSetBuilder::new();
    for p in pats {
        b.add(Glob::new(p)?);
    }
    Ok(b.build()?)
}

fn sha256_file(p: &Path) -> io::Result<String> {
    let mut f = File::open(p)?;
    let mut h = Sha256::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

fn slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(unix)]
fn is_executable(m: &fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    m.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_m: &fs::Metadata) -> bool {
    false
}
