//! Environment files (`GITHUB_OUTPUT`, `GITHUB_ENV`, …). Each call appends
//! one record to the file the runner named; if the variable is unset (not
//! on Actions) an error is returned and nothing is written.

use std::collections::hash_map::RandomState;
use std::env;
use std::fs::OpenOptions;
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Write};

fn env_file(var: &str) -> io::Result<std::fs::File> {
    let path = env::var_os(var)
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("{var} is not set")))?;
    OpenOptions::new().append(true).create(true).open(path)
}

fn delimiter() -> String {
    let mut h = RandomState::new().build_hasher();
    h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
    format!("ghadelimiter_{:016x}", h.finish())
}

fn key_value(name: &str, value: &str) -> io::Result<String> {
    let d = delimiter();
    if name.contains(&d) || value.contains(&d) {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "value contains the delimiter"));
    }
    if name.contains('\n') || name.contains('=') {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "invalid name"));
    }
    Ok(format!("{name}<<{d}\n{value}\n{d}\n"))
}

fn append(var: &str, record: &str) -> io::Result<()> {
    env_file(var)?.write_all(record.as_bytes())
}

/// Set a step output (`steps.<id>.outputs.<name>`).
pub fn set_output(name: &str, value: &str) -> io::Result<()> {
    append("GITHUB_OUTPUT", &key_value(name, value)?)
}

/// Export an environment variable to this and all later steps of the job.
pub fn export_var(name: &str, value: &str) -> io::Result<()> {
    env::set_var(name, value);
    append("GITHUB_ENV", &key_value(name, value)?)
}

/// Prepend a directory to `PATH` for this and all later steps of the job.
pub fn add_path(dir: &str) -> io::Result<()> {
    if dir.contains('\n') {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "newline in path"));
    }
    let old = env::var("PATH").unwrap_or_default();
    let sep = if cfg!(windows) { ';' } else { ':' };
    env::set_var("PATH", format!("{dir}{sep}{old}"));
    append("GITHUB_PATH", &format!("{dir}\n"))
}

/// Save state for the action's `post` phase.
pub fn save_state(name: &str, value: &str) -> io::Result<()> {
    append("GITHUB_STATE", &key_value(name, value)?)
}

/// Append Markdown to the job summary.
pub fn summary(markdown: impl AsRef<str>) -> io::Result<()> {
    let mut s = markdown.as_ref().to_string();
    if !s.ends_with('\n') {
        s.push('\n');
    }
    append("GITHUB_STEP_SUMMARY", &s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_record_format() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out");
        env::set_var("GITHUB_OUTPUT", &p);
        set_output("greeting", "hello\nworld").unwrap();
        let s = std::fs::read_to_string(&p).unwrap();
        let mut lines = s.lines();
        let head = lines.next().unwrap();
        let d = head.strip_prefix("greeting<<").unwrap();
        assert_eq!(lines.collect::<Vec<_>>(), vec!["hello", "world", d]);
    }

    #[test]
    fn missing_env_file_is_error() {
        env::remove_var("GITHUB_STATE");
        assert!(save_state("x", "y").is_err());
    }
}
