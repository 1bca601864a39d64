//! `GITHUB_OUTPUT`, `GITHUB_ENV`, `GITHUB_PATH` file commands.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::time::{SystemTime, UNIX_EPOCH};

fn append(var: &str, text: &str) -> io::Result<()> {
    let Some(path) = std::env::var_os(var) else {
        eprintln!("({var} not set) {text}");
        return Ok(());
    };
    let mut f = OpenOptions::new().append(true).create(true).open(path)?;
    f.write_all(text.as_bytes())
}

fn delimiter() -> String {
    let n = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("ghadelim_{:x}_{}", n, std::process::id())
}

fn kv(name: &str, value: &str) -> String {
    if value.contains('\n') {
        let d = delimiter();
        format!("{name}<<{d}\n{value}\n{d}\n")
    } else {
        format!("{name}={value}\n")
    }
}

pub fn set_output(name: &str, value: &str) -> io::Result<()> {
    append("GITHUB_OUTPUT", &kv(name, value))
}

pub fn set_env(name: &str, value: &str) -> io::Result<()> {
    append("GITHUB_ENV", &kv(name, value))
}

pub fn add_path(dir: &str) -> io::Result<()> {
    append("GITHUB_PATH", &format!("{dir}\n"))
}
