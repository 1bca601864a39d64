use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub(crate) const SKIP_DIRS: &[&str] = &["target", "node_modules", ".git", ".hg", ".svn"];

/// Every `.rs` file below `root`, skipping build output and hidden dirs.
pub fn rust_files(root: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    visit(root, &mut |p| {
        if p.extension().map_or(false, |e| e == "rs") {
            out.push(p.to_path_buf());
        }
    })?;
    out.sort();
    Ok(out)
}

/// Depth-first walk calling `f` for each regular file.
pub(crate) fn visit(dir: &Path, f: &mut dyn FnMut(&Path)) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let ft = entry.file_type()?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if ft.is_dir() {
            if SKIP_DIRS.contains(&name.as_ref()) || (name.starts_with('.') && name != ".cargo") {
                continue;
            }
            let _ = visit(&path, f);
        } else if ft.is_file() {
            f(&path);
        }
    }
    Ok(())
}

/// Nearest ancestor (or `start` itself) containing a `.git` entry.
pub(crate) fn repo_root(start: &Path) -> Option<PathBuf> {
    let mut cur = Some(start);
    while let Some(d) = cur {
        if d.join(".git").exists() {
            return Some(d.to_path_buf());
        }
        cur = d.parent();
    }
    None
}
