//! Workspace discovery and traversal.

use std::fs;
use std::path::{Path, PathBuf};

/// Directories never worth descending into.
const SKIP_DIRS: &[&str] = &["target", "node_modules", ".git", ".hg", ".svn", ".idea", ".vscode", "__pycache__"];

/// Hidden directories that *are* part of a project's configuration.
const KEEP_HIDDEN: &[&str] = &[".github", ".gitlab", ".cargo", ".config", ".circleci", ".buildkite"];

/// Root of the repository or Cargo workspace containing `start`: the
/// nearest ancestor with a `.git`, else the outermost one with a
/// `Cargo.toml` declaring `[workspace]`, else `start` itself.
pub fn workspace_root(start: &Path) -> PathBuf {
    let mut workspace = None;
    for dir in start.ancestors() {
        if dir.join(".git").exists() {
            return dir.to_path_buf();
        }
        if fs::read_to_string(dir.join("Cargo.toml"))
            .map(|t| t.lines().any(|l| l.trim() == "[workspace]"))
            .unwrap_or(false)
        {
            workspace = Some(dir.to_path_buf());
        }
    }
    workspace.unwrap_or_else(|| start.to_path_buf())
}

/// Depth-first walk calling `f` for every regular file, in a stable order.
/// Symlinks are not followed.
pub fn visit(root: &Path, f: &mut dyn FnMut(&Path, u64)) {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = fs::read_dir(&dir) else { continue };
        let mut entries: Vec<_> = rd.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries.into_iter().rev() {
            let Ok(ft) = e.file_type() else { continue };
            let name = e.file_name();
            let name = name.to_string_lossy();
            if ft.is_dir() {
                let hidden = name.starts_with('.') && !KEEP_HIDDEN.contains(&name.as_ref());
                if !hidden && !SKIP_DIRS.contains(&name.as_ref()) {
                    stack.push(e.path());
                }
            } else if ft.is_file() {
                let len = e.metadata().map(|m| m.len()).unwrap_or(0);
                f(&e.path(), len);
            }
        }
    }
}

/// Every pending `.snap.new` file under `root`.
pub fn pending(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    visit(root, &mut |p, _| {
        if p.to_string_lossy().ends_with(".snap.new") {
            out.push(p.to_path_buf());
        }
    });
    out.sort();
    out
}

/// `path` relative to `root`, with `/` separators.
pub fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
