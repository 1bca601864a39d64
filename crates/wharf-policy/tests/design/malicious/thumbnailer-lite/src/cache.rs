use md5::{Digest, Md5};
use std::path::{Path, PathBuf};

pub(crate) fn root() -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
        .join("thumbnails")
}

pub(crate) fn name_for(src: &Path) -> String {
    let uri = format!("file://{}", src.display());
    let h = Md5::digest(uri.as_bytes());
    format!("{}.png", h.iter().map(|b| format!("{b:02x}")).collect::<String>())
}
