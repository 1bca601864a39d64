//! Environment files: `GITHUB_OUTPUT`, `GITHUB_ENV`, `GITHUB_PATH`, `GITHUB_STATE`.
//!
//! Each call appends one entry to the file the runner named in the environment.

use crate::Error;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

fn file_for(var: &'static str) -> Result<std::path::PathBuf, Error> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(Into::into)
        .ok_or(Error::NotInActions(var))
}

fn append(path: &Path, text: &str) -> Result<(), Error> {
    let mut f = OpenOptions::new().append(true).create(false).open(path)?;
    f.write_all(text.as_bytes())?;
    Ok(())
}

fn check_name(name: &str) -> Result<(), Error> {
    let ok = !name.is_empty()
        && !name.contains('=')
        && !name.contains('\n')
        && !name.contains('\r')
        && !name.contains('<');
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidName(name.to_string()))
    }
}

/// A delimiter that does not occur in `value`.
fn delimiter(value: &str) -> String {
    let mut seed = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1)
        ^ u64::from(std::process::id()) << 17;
    loop {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let d = format!("ghadelimiter_{seed:016x}");
        if !value.contains(&d) {
            return d;
        }
    }
}

fn entry(name: &str, value: &str) -> String {
    if value.contains('\n') || value.contains('\r') {
        let d = delimiter(value);
        format!("{name}<<{d}\n{value}\n{d}\n")
    } else {
        format!("{name}={value}\n")
    }
}

/// Sets a step output (`steps.<id>.outputs.<name>`).
pub fn set_output(name: &str, value: &str) -> Result<(), Error> {
    check_name(name)?;
    append(&file_for("GITHUB_OUTPUT")?, &entry(name, value))
}

/// Exports an environment variable to the following steps of the job.
pub fn export_var(name: &str, value: &str) -> Result<(), Error> {
    check_name(name)?;
    std::env::set_var(name, value);
    append(&file_for("GITHUB_ENV")?, &entry(name, value))
}

/// Prepends a directory to `PATH` for the following steps of the job.
pub fn add_path(dir: impl AsRef<Path>) -> Result<(), Error> {
    let dir = dir.as_ref().to_string_lossy().into_owned();
    if dir.contains('\n') {
        return Err(Error::InvalidName(dir));
    }
    let sep = if cfg!(windows) { ';' } else { ':' };
    let current = std::env::var("PATH").unwrap_or_default();
    std::env::set_var("PATH", format!("{dir}{sep}{current}"));
    append(&file_for("GITHUB_PATH")?, &format!("{dir}\n"))
}

/// Saves state for the `post:` step of a JavaScript/Docker action.
pub fn save_state(name: &str, value: &str) -> Result<(), Error> {
    check_name(name)?;
    append(&file_for("GITHUB_STATE")?, &entry(name, value))
}

/// Reads state saved by the `main:` step (`STATE_<name>`).
pub fn state(name: &str) -> Option<String> {
    std::env::var(format!("STATE_{name}")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_line() {
        assert_eq!(entry("a", "b"), "a=b\n");
    }

    #[test]
    fn multi_line_uses_fresh_delimiter() {
        let e = entry("notes", "line1\nline2");
        let first = e.lines().next().unwrap();
        let d = first.strip_prefix("notes<<").unwrap();
        assert!(d.starts_with("ghadelimiter_"));
        assert!(e.ends_with(&format!("\n{d}\n")));
    }

    #[test]
    fn rejects_injection_in_name() {
        assert!(check_name("A\nB=1").is_err());
        assert!(check_name("X<<EOF").is_err());
    }
}
