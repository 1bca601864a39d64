//! GitHub Actions workflow commands and output files.

use std::fs::OpenOptions;
use std::io::{self, Write};

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_prop(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(cmd: &str, props: &[(&str, &str)], msg: &str) {
    let p: Vec<String> = props.iter().map(|(k, v)| format!("{k}={}", escape_prop(v))).collect();
    if p.is_empty() {
        println!("::{cmd}::{}", escape_data(msg));
    } else {
        println!("::{cmd} {}::{}", p.join(","), escape_data(msg));
    }
}

pub fn notice(msg: &str) {
    command("notice", &[], msg)
}

pub fn warning(msg: &str) {
    command("warning", &[], msg)
}

pub fn error_at(file: &str, line: u32, msg: &str) {
    command("error", &[("file", file), ("line", &line.to_string())], msg)
}

pub fn group<T>(title: &str, f: impl FnOnce() -> T) -> T {
    println!("::group::{}", escape_data(title));
    let r = f();
    println!("::endgroup::");
    r
}

fn append(var: &str, line: &str) -> io::Result<()> {
    let path = std::env::var(var).map_err(|_| io::Error::new(io::ErrorKind::NotFound, var.to_string()))?;
    let mut f = OpenOptions::new().append(true).create(true).open(path)?;
    writeln!(f, "{line}")
}

/// Set a step output (`steps.<id>.outputs.<name>`).
pub fn set_output(name: &str, value: &str) -> io::Result<()> {
    if value.contains('\n') {
        let delim = format!("ghadelim_{}", std::process::id());
        append("GITHUB_OUTPUT", &format!("{name}<<{delim}\n{value}\n{delim}"))
    } else {
        append("GITHUB_OUTPUT", &format!("{name}={value}"))
    }
}

/// Append markdown to the job summary.
pub fn summary(markdown: &str) -> io::Result<()> {
    append("GITHUB_STEP_SUMMARY", markdown)
}

pub fn mask(secret: &str) {
    println!("::add-mask::{secret}");
}
