//! GitHub Actions step helpers.

use std::env;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::PathBuf;

/// Are we running inside GitHub Actions?
pub fn in_actions() -> bool {
    env::var("GITHUB_ACTIONS").as_deref() == Ok("true")
}

fn file_from_env(var: &str) -> Option<PathBuf> {
    env::var_os(var).filter(|v| !v.is_empty()).map(PathBuf::from)
}

fn append(var: &str, text: &str) -> io::Result<bool> {
    let Some(p) = file_from_env(var) else { return Ok(false) };
    let mut f = OpenOptions::new().create(true).append(true).open(p)?;
    f.write_all(text.as_bytes())?;
    Ok(true)
}

fn delimiter() -> String {
    // Random-ish heredoc delimiter so values containing newlines are safe.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("ghadelim_{nanos:x}_{}", std::process::id())
}

fn kv_block(name: &str, value: &str) -> String {
    if value.contains('\n') {
        let d = delimiter();
        format!("{name}<<{d}\n{value}\n{d}\n")
    } else {
        format!("{name}={value}\n")
    }
}

/// Append Markdown to the job summary. Returns `Ok(false)` outside Actions.
pub fn summary(markdown: &str) -> io::Result<bool> {
    let mut s = markdown.to_string();
    if !s.ends_with('\n') {
        s.push('\n');
    }
    append("GITHUB_STEP_SUMMARY", &s)
}

/// Append a Markdown table to the job summary.
pub fn summary_table(headers: &[&str], rows: &[Vec<String>]) -> io::Result<bool> {
    let mut s = String::new();
    s.push_str(&format!("| {} |\n", headers.join(" | ")));
    s.push_str(&format!("|{}\n", "---|".repeat(headers.len())));
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| c.replace('|', "\\|")).collect();
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    summary(&s)
}

/// Set a step output readable as `steps.<id>.outputs.<name>`.
pub fn set_output(name: &str, value: &str) -> io::Result<bool> {
    append("GITHUB_OUTPUT", &kv_block(name, value))
}

/// Export an environment variable to *later* steps of the same job.
pub fn export_var(name: &str, value: &str) -> io::Result<bool> {
    append("GITHUB_ENV", &kv_block(name, value))
}

/// Mask a value in subsequent log output.
pub fn add_mask(value: &str) {
    println!("::add-mask::{}", escape_data(value));
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_prop(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Severity of an annotation.
#[derive(Debug, Clone, Copy)]
pub enum Level {
    Error,
    Warning,
    Notice,
}

/// Location for an annotation.
#[derive(Debug, Default, Clone)]
pub struct Location {
    pub file: Option<String>,
    pub line: Option<u32>,
    pub col: Option<u32>,
    pub title: Option<String>,
}

/// Emit an annotation workflow command on stdout.
pub fn annotate(level: Level, msg: &str, loc: &Location) {
    let cmd = match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Notice => "notice",
    };
    let mut props = Vec::new();
    if let Some(f) = &loc.file {
        props.push(format!("file={}", escape_prop(f)));
    }
    if let Some(l) = loc.line {
        props.push(format!("line={l}"));
    }
    if let Some(c) = loc.col {
        props.push(format!("col={c}"));
    }
    if let Some(t) = &loc.title {
        props.push(format!("title={}", escape_prop(t)));
    }
    if props.is_empty() {
        println!("::{cmd}::{}", escape_data(msg));
    } else {
        println!("::{cmd} {}::{}", props.join(","), escape_data(msg));
    }
}

/// A collapsible log group; closed on drop.
pub struct Group(());

impl Group {
    pub fn start(title: &str) -> Self {
        println!("::group::{}", escape_data(title));
        Group(())
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        println!("::endgroup::");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiline_values_use_heredoc() {
        let b = kv_block("notes", "a\nb");
        assert!(b.starts_with("notes<<ghadelim_"));
        assert!(b.contains("\na\nb\n"));
    }

    #[test]
    fn escapes() {
        assert_eq!(escape_prop("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
