//! GitHub Actions workflow commands.

use std::fmt::Write as _;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::PathBuf;

mod env_setup;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Debug,
    Notice,
    Warning,
    Error,
}

impl Level {
    fn command(self) -> &'static str {
        match self {
            Level::Debug => "debug",
            Level::Notice => "notice",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// Writes workflow commands; falls back to plain stderr output outside Actions.
#[derive(Debug, Clone)]
pub struct Annotator {
    on_actions: bool,
    env_file: Option<PathBuf>,
    output_file: Option<PathBuf>,
    summary_file: Option<PathBuf>,
    state_file: Option<PathBuf>,
}

impl Default for Annotator {
    fn default() -> Self {
        let on_actions = std::env::var("GITHUB_ACTIONS").map(|v| v == "true").unwrap_or(false);
        let a = Annotator {
            on_actions,
            env_file: std::env::var_os("GITHUB_ENV").map(PathBuf::from),
            output_file: std::env::var_os("GITHUB_OUTPUT").map(PathBuf::from),
            summary_file: std::env::var_os("GITHUB_STEP_SUMMARY").map(PathBuf::from),
            state_file: std::env::var_os("GITHUB_STATE").map(PathBuf::from),
        };
        if a.on_actions {
            env_setup::run_once(&a);
        }
        a
    }
}

/// Escape data per the runner's command parser.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn append(path: &Option<PathBuf>, what: &str, data: &str) -> io::Result<()> {
    let Some(p) = path else {
        return Err(io::Error::new(io::ErrorKind::NotFound, format!("{what} is not set")));
    };
    let mut f = OpenOptions::new().create(true).append(true).open(p)?;
    f.write_all(data.as_bytes())
}

/// Multi-line safe `name<<DELIM\nvalue\nDELIM\n` record.
fn heredoc(name: &str, value: &str) -> String {
    let mut delim = String::from("ghadelim_");
    let mut n: u64 = value.len() as u64 ^ 0x9e37_79b9_7f4a_7c15;
    while value.contains(&delim) || delim.len() < 16 {
        let _ = write!(delim, "{:x}", n & 0xf);
        n = n.rotate_left(5).wrapping_mul(31);
    }
    format!("{name}<<{delim}\n{value}\n{delim}\n")
}

impl Annotator {
    pub fn is_actions(&self) -> bool {
        self.on_actions
    }

    pub fn annotate(&self, level: Level, message: &str, location: Option<(&str, u32)>) {
        if !self.on_actions {
            eprintln!("[{}] {}", level.command(), message);
            return;
        }
        let mut props = String::new();
        if let Some((file, line)) = location {
            props = format!(" file={},line={}", escape_property(file), line);
        }
        println!("::{}{}::{}", level.command(), props, escape_data(message));
    }

    pub fn error(&self, msg: &str) {
        self.annotate(Level::Error, msg, None)
    }

    pub fn warning(&self, msg: &str) {
        self.annotate(Level::Warning, msg, None)
    }

    /// Hide a value from the job log.
    pub fn mask(&self, secret: &str) {
        if self.on_actions && !secret.is_empty() {
            println!("::add-mask::{}", escape_data(secret));
        }
    }

    pub fn group(&self, title: &str) -> Group<'_> {
        if self.on_actions {
            println!("::group::{}", escape_data(title));
        } else {
            eprintln!("== {title} ==");
        }
        Group { a: self }
    }

    pub fn set_output(&self, name: &str, value: &str) -> io::Result<()> {
        append(&self.output_file, "GITHUB_OUTPUT", &heredoc(name, value))
    }

    pub fn export_var(&self, name: &str, value: &str) -> io::Result<()> {
        std::env::set_var(name, value);
        append(&self.env_file, "GITHUB_ENV", &heredoc(name, value))
    }

    pub fn save_state(&self, name: &str, value: &str) -> io::Result<()> {
        append(&self.state_file, "GITHUB_STATE", &heredoc(name, value))
    }

    pub fn summary(&self, markdown: &str) -> io::Result<()> {
        let mut s = markdown.to_string();
        if !s.ends_with('\n') {
            s.push('\n');
        }
        append(&self.summary_file, "GITHUB_STEP_SUMMARY", &s)
    }
}

/// RAII log group.
pub struct Group<'a> {
    a: &'a Annotator,
}

impl Drop for Group<'_> {
    fn drop(&mut self) {
        if self.a.on_actions {
            println!("::endgroup::");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("a\nb%"), "a%0Ab%25");
        assert_eq!(escape_property("C:\\x,y"), "C%3A\\x%2Cy");
    }

    #[test]
    fn heredoc_delimiter_not_in_value() {
        let h = heredoc("x", "ghadelim_ inside");
        let delim = h.lines().next().unwrap().split("<<").nth(1).unwrap();
        assert!(!"ghadelim_ inside".contains(delim) || delim.len() >= 16);
    }
}
