//! Unpacking a verified archive into the cache.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::lock::ToolSpec;
use crate::{Error, Result};

/// `<cache>/<tool>/<version>/<platform>/<binary file name>`
pub(crate) fn cached_path(cache: &Path, spec: &ToolSpec, platform: &str) -> PathBuf {
    let file = Path::new(&spec.bin).file_name().map(|f| f.to_os_string()).unwrap_or_else(|| spec.name.clone().into());
    let mut p = cache.join(&spec.name).join(&spec.version).join(platform).join(file);
    if cfg!(windows) && p.extension().is_none() {
        p.set_extension("exe");
    }
    p
}

/// Extract exactly `member` from a `.tar.gz` archive already verified by checksum and
/// move it atomically to `dest`.
pub(crate) fn unpack_binary(archive: &[u8], member: &str, dest: &Path) -> Result<()> {
    let parent = dest.parent().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "bad cache path"))?;
    fs::create_dir_all(parent)?;

    let gz = flate2::read::GzDecoder::new(archive);
    let mut tar = tar::Archive::new(gz);
    let want = Path::new(member);

    for entry in tar.entries()? {
        let mut entry = entry?;
        let path = entry.path()?.into_owned();
        let norm: PathBuf = path.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect();
        if norm != want {
            continue;
        }
        if !entry.header().entry_type().is_file() {
            return Err(Error::Io(io::Error::new(io::ErrorKind::InvalidData, format!("{member} is not a regular file"))));
        }
        let tmp = parent.join(format!(".{}.tmp{}", dest.file_name().unwrap().to_string_lossy(), std::process::id()));
        let mut buf = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut buf)?;
        fs::write(&tmp, &buf)?;
        make_executable(&tmp)?;
        fs::rename(&tmp, dest)?;
        return Ok(());
    }
    Err(Error::Io(io::Error::new(io::ErrorKind::NotFound, format!("{member} not found in archive"))))
}

#[cfg(unix)]
fn make_executable(p: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mut perm = fs::metadata(p)?.permissions();
    perm.set_mode(0o755);
    fs::set_permissions(p, perm)
}

#[cfg(not(unix))]
fn make_executable(_p: &Path) -> io::Result<()> {
    Ok(())
}
