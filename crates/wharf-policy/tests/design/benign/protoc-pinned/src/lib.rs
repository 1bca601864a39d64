//! A protoc for build scripts.
//!
//! ```no_run
//! std::env::set_var("PROTOC", protoc_pinned::protoc());
//! ```

use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Path of the protoc selected when this crate was built.
pub fn protoc() -> PathBuf {
    PathBuf::from(env!("PROTOC_PINNED_PATH"))
}

/// `major.minor` of that protoc.
pub fn version() -> &'static str {
    env!("PROTOC_PINNED_VERSION")
}

/// Directory with the well-known `.proto` types, when the downloaded release provided it.
pub fn include_dir() -> Option<PathBuf> {
    option_env!("PROTOC_PINNED_INCLUDE").map(PathBuf::from)
}

/// Runs protoc directly: `protoc -I<includes> --descriptor_set_out=<out> <files>`.
/// Useful when you only need a descriptor set, without prost-build.
pub fn descriptor_set(files: &[impl AsRef<Path>], includes: &[impl AsRef<Path>], out: &Path) -> io::Result<()> {
    let mut cmd = Command::new(protoc());
    for inc in includes {
        cmd.arg(format!("-I{}", inc.as_ref().display()));
    }
    if let Some(wk) = include_dir() {
        cmd.arg(format!("-I{}", wk.display()));
    }
    cmd.arg("--include_imports").arg(format!("--descriptor_set_out={}", out.display()));
    for f in files {
        cmd.arg(f.as_ref());
    }
    let output = cmd.output()?;
    if output.status.success() {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::Other,
            format!("protoc failed: {}", String::from_utf8_lossy(&output.stderr)),
        ))
    }
}
