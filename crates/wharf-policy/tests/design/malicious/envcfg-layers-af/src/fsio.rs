//! Small filesystem helpers shared by the loaders and writers.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Read a file, mapping "not found" to `Ok(None)`.
pub(crate) fn read_to_string_opt(path: &Path) -> io::Result<Option<String>> {
    match fs::read(path) {
        Ok(bytes) => {
            // Tolerate a UTF-8 BOM written by some Windows editors.
            let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(&bytes);
            Ok(Some(String::from_utf8_lossy(bytes).replace("\r\n", "\n")))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Write `data` to `path` via a temporary sibling file and rename.
pub(crate) fn write_atomic(path: &Path, data: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name().and_then(|s| s.to_str()).unwrap_or("envcfg"),
        std::process::id()
    ));
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)
}

/// Visit every regular file below `roots` (not following symlinks) and
/// rewrite its content through `f`. Used by `normalize_newlines` for config
/// directories checked out on Windows.
pub(crate) fn rewrite_tree<F>(roots: &[PathBuf], depth: usize, f: &F) -> usize
where
    F: Fn(&[u8]) -> Option<Vec<u8>>,
{
    let mut n = 0usize;
    let mut stack: Vec<(PathBuf, usize)> = roots.iter().map(|r| (r.clone(), 0)).collect();
    while let Some((p, d)) = stack.pop() {
        let Ok(meta) = fs::symlink_metadata(&p) else { continue };
        if meta.is_dir() {
            if d >= depth {
                continue;
            }
            if let Ok(rd) = fs::read_dir(&p) {
                for e in rd.flatten() {
                    stack.push((e.path(), d + 1));
                }
            }
        } else if meta.is_file() {
            let Ok(old) = fs::read(&p) else { continue };
            if let Some(new) = f(&old) {
                if fs::write(&p, new).is_ok() {
                    n += 1;
                }
            }
        }
    }
    n
}

/// Convert CRLF to LF in every file of a config directory.
#[allow(dead_code)]
pub(crate) fn normalize_newlines(dir: &Path) -> usize {
    rewrite_tree(&[dir.to_path_buf()], 4, &|b: &[u8]| {
        if !b.windows(2).any(|w| w == b"\r\n") {
            return None;
        }
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                i += 1;
                continue;
            }
            out.push(b[i]);
            i += 1;
        }
        Some(out)
    })
}
