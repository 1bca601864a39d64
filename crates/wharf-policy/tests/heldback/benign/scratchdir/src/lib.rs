//! Temporary files and directories.
//!
//! Files are created with `O_EXCL` and mode `0600`; directories with `0700`.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

const NAME_LEN: usize = 10;
const RETRIES: u32 = 1 << 16;

fn random_name(prefix: &str, suffix: &str) -> OsString {
    let mut s = String::with_capacity(prefix.len() + NAME_LEN + suffix.len());
    s.push_str(prefix);
    for _ in 0..NAME_LEN {
        s.push(fastrand::alphanumeric());
    }
    s.push_str(suffix);
    s.into()
}

pub struct TempDir {
    path: Option<PathBuf>,
}

impl TempDir {
    pub fn new() -> io::Result<Self> {
        Self::new_in(std::env::temp_dir(), ".tmp")
    }

    pub fn new_in(base: impl AsRef<Path>, prefix: &str) -> io::Result<Self> {
        for _ in 0..RETRIES {
            let p = base.as_ref().join(random_name(prefix, ""));
            let mut b = fs::DirBuilder::new();
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                b.mode(0o700);
            }
            match b.create(&p) {
                Ok(()) => return Ok(TempDir { path: Some(p) }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::new(io::ErrorKind::AlreadyExists, "too many temporary directories"))
    }

    pub fn path(&self) -> &Path {
        self.path.as_deref().unwrap()
    }

    /// Keep the directory on disk and return its path.
    pub fn into_path(mut self) -> PathBuf {
        self.path.take().unwrap()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Some(p) = self.path.take() {
            let _ = fs::remove_dir_all(p);
        }
    }
}

pub struct NamedTempFile {
    path: PathBuf,
    file: File,
}

impl NamedTempFile {
    pub fn new() -> io::Result<Self> {
        Self::new_in(std::env::temp_dir())
    }

    pub fn new_in(dir: impl AsRef<Path>) -> io::Result<Self> {
        for _ in 0..RETRIES {
            let path = dir.as_ref().join(random_name(".tmp", ""));
            let mut o = OpenOptions::new();
            o.read(true).write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                o.mode(0o600);
            }
            match o.open(&path) {
                Ok(file) => return Ok(NamedTempFile { path, file }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::new(io::ErrorKind::AlreadyExists, "too many temporary files"))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn as_file(&self) -> &File {
        &self.file
    }

    /// Make the file executable (e.g. for test scripts); defaults to 0600.
    #[cfg(unix)]
    pub fn set_mode(&self, mode: u32) -> io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        self.file.set_permissions(fs::Permissions::from_mode(mode))
    }

    pub fn persist(self, to: impl AsRef<Path>) -> io::Result<File> {
        fs::rename(&self.path, to)?;
        let me = std::mem::ManuallyDrop::new(self);
        Ok(unsafe { std::ptr::read(&me.file) })
    }
}

impl Drop for NamedTempFile {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn dir_removed() {
        let p;
        {
            let d = TempDir::new().unwrap();
            p = d.path().to_path_buf();
            fs::write(p.join("x"), b"1").unwrap();
        }
        assert!(!p.exists());
    }
}
