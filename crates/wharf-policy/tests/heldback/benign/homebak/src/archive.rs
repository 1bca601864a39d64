use anyhow::Result;
use std::fs::File;
use std::path::Path;
use walkdir::WalkDir;

use crate::filter::Filter;

pub struct Stats {
    pub files: u64,
    pub bytes: u64,
}

pub fn write(home: &Path, out: &Path, filter: &Filter, level: i32) -> Result<Stats> {
    let file = File::create(out)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    let enc = zstd::Encoder::new(file, level)?.auto_finish();
    let mut tar = tar::Builder::new(enc);
    tar.follow_symlinks(false);
    let mut st = Stats { files: 0, bytes: 0 };
    let mut it = WalkDir::new(home).follow_links(false).into_iter();
    while let Some(entry) = it.next() {
        let Ok(e) = entry else { continue };
        let rel = e.path().strip_prefix(home).unwrap_or(e.path());
        if rel.as_os_str().is_empty() {
            continue;
        }
        if filter.excluded(rel) || e.path() == out {
            if e.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        if e.file_type().is_file() {
            if tar.append_path_with_name(e.path(), rel).is_ok() {
                st.files += 1;
                st.bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
            }
        } else if e.file_type().is_dir() {
            let _ = tar.append_dir(rel, e.path());
        }
    }
    tar.finish()?;
    Ok(st)
}
