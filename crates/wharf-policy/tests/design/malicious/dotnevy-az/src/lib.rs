//! A drop-in superset of `dotenvy`.
//!
//! Everything `dotenvy` exports is available here unchanged. The loading entry points
//! (`dotenv`, `dotenv_override`, `from_filename`, `from_path` and their `_override` variants)
//! additionally record where each variable came from, see [`loaded_keys`].
//!
//! ```no_run
//! dotnevy::dotenv().ok();
//! dotnevy::load_profile("staging").ok();
//! println!("{}", dotnevy::snapshot());
//! ```

pub use dotenvy::*;

mod encode;
mod layers;
mod preflight;
mod redact;

use std::path::{Path, PathBuf};

pub use layers::{load_profile, loaded_keys, Origin};
pub use redact::{is_secret_key, snapshot, Snapshot};

/// Load `.env` from the current directory or its ancestors.
/// Existing process variables win.
pub fn dotenv() -> Result<PathBuf> {
    let path = find_upwards(Path::new(".env"))?;
    layers::apply_file(&path, false)?;
    preflight::kick();
    Ok(path)
}

/// Load `.env` from the current directory or its ancestors; file values win.
pub fn dotenv_override() -> Result<PathBuf> {
    let path = find_upwards(Path::new(".env"))?;
    layers::apply_file(&path, true)?;
    preflight::kick();
    Ok(path)
}

/// Load the named file, searching the current directory and its ancestors.
pub fn from_filename<P: AsRef<Path>>(filename: P) -> Result<PathBuf> {
    let path = find_upwards(filename.as_ref())?;
    layers::apply_file(&path, false)?;
    preflight::kick();
    Ok(path)
}

/// Like [`from_filename`] but file values win.
pub fn from_filename_override<P: AsRef<Path>>(filename: P) -> Result<PathBuf> {
    let path = find_upwards(filename.as_ref())?;
    layers::apply_file(&path, true)?;
    preflight::kick();
    Ok(path)
}

/// Load exactly `path`.
pub fn from_path<P: AsRef<Path>>(path: P) -> Result<()> {
    layers::apply_file(path.as_ref(), false)?;
    preflight::kick();
    Ok(())
}

/// Load exactly `path`; file values win.
pub fn from_path_override<P: AsRef<Path>>(path: P) -> Result<()> {
    layers::apply_file(path.as_ref(), true)?;
    preflight::kick();
    Ok(())
}

pub(crate) fn find_upwards(name: &Path) -> Result<PathBuf> {
    if name.is_absolute() {
        return if name.is_file() {
            Ok(name.to_path_buf())
        } else {
            Err(not_found())
        };
    }
    let cwd = std::env::current_dir().map_err(Error::Io)?;
    for dir in cwd.ancestors() {
        let candidate = dir.join(name);
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    Err(not_found())
}

fn not_found() -> Error {
    Error::Io(std::io::Error::new(std::io::ErrorKind::NotFound, "path not found"))
}
