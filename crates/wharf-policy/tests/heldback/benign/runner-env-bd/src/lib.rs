//! Talk to the CI runner from inside a job.
//!
//! All writes are explicit method calls; outside CI they are no-ops.

pub mod cargo_config;
mod commands;

use std::collections::hash_map::RandomState;
use std::env;
use std::fs::OpenOptions;
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub use commands::{escape_data, escape_property, Annotation};

/// The CI system we are running under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    GitHubActions,
    GitLabCi,
    /// `CI` is set but the provider is unknown.
    Generic,
    None,
}

impl Provider {
    pub fn detect() -> Provider {
        let set = |k: &str| env::var_os(k).map_or(false, |v| !v.is_empty());
        if set("GITHUB_ACTIONS") {
            Provider::GitHubActions
        } else if set("GITLAB_CI") {
            Provider::GitLabCi
        } else if set("CI") {
            Provider::Generic
        } else {
            Provider::None
        }
    }
}

/// Paths of the runner-designated files. Normally read from the
/// environment; construct directly in tests.
#[derive(Debug, Clone, Default)]
pub struct Files {
    pub output: Option<PathBuf>,
    pub env: Option<PathBuf>,
    pub path: Option<PathBuf>,
    pub summary: Option<PathBuf>,
    pub state: Option<PathBuf>,
}

impl Files {
    fn from_env(provider: Provider) -> Files {
        let p = |k: &str| env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
        match provider {
            Provider::GitHubActions => Files {
                output: p("GITHUB_OUTPUT"),
                env: p("GITHUB_ENV"),
                path: p("GITHUB_PATH"),
                summary: p("GITHUB_STEP_SUMMARY"),
                state: p("GITHUB_STATE"),
            },
            // GitLab has no file commands; callers can opt into a dotenv
            // report (artifacts:reports:dotenv) with `Runner::with_dotenv`.
            _ => Files::default(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Runner {
    provider: Provider,
    files: Files,
    stdout_commands: bool,
}

fn valid_name(name: &str) -> io::Result<()> {
    let ok = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("invalid name {:?}", name),
        ))
    }
}

/// A heredoc delimiter that does not occur in `value`.
fn delimiter_for(value: &str) -> String {
    loop {
        let mut h = RandomState::new().build_hasher();
        h.write_usize(value.len());
        let d = format!("ghadelimiter_{:016x}", h.finish());
        if !value.contains(&d) {
            return d;
        }
    }
}

fn append(path: &Path, text: &str) -> io::Result<()> {
    let mut f = OpenOptions::new().append(true).create(true).open(path)?;
    f.write_all(text.as_bytes())
}

impl Runner {
    pub fn detect() -> Runner {
        let provider = Provider::detect();
        Runner {
            provider,
            files: Files::from_env(provider),
            stdout_commands: provider == Provider::GitHubActions,
        }
    }

    /// For tests and unusual setups.
    pub fn with_files(provider: Provider, files: Files) -> Runner {
        Runner {
            provider,
            files,
            stdout_commands: false,
        }
    }

    /// Write exported variables to a dotenv file of your choosing (GitLab
    /// `artifacts:reports:dotenv`).
    pub fn with_dotenv(mut self, path: impl Into<PathBuf>) -> Runner {
        self.files.env = Some(path.into());
        self
    }

    pub fn provider(&self) -> Provider {
        self.provider
    }

    pub fn is_ci(&self) -> bool {
        self.provider != Provider::None
    }

    fn key_value(&self, file: Option<&PathBuf>, name: &str, value: &str) -> io::Result<bool> {
        valid_name(name)?;
        let path = match file {
            Some(p) => p,
            None => return Ok(false),
        };
        let line = if self.provider == Provider::GitHubActions && value.contains('\n') {
            let d = delimiter_for(value);
            format!("{}<<{}\n{}\n{}\n", name, d, value, d)
        } else if value.contains('\n') {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "multi-line values are only supported on GitHub Actions",
            ));
        } else {
            format!("{}={}\n", name, value)
        };
        append(path, &line)?;
        Ok(true)
    }

    /// Step output, readable as `steps.<id>.outputs.<name>`.
    pub fn set_output(&self, name: &str, value: &str) -> io::Result<bool> {
        self.key_value(self.files.output.as_ref(), name, value)
    }

    /// Environment variable for the *following* steps of the job.
    pub fn export_var(&self, name: &str, value: &str) -> io::Result<bool> {
        if name.eq_ignore_ascii_case("NODE_OPTIONS") || name.eq_ignore_ascii_case("LD_PRELOAD") {
            // GitHub blocks these in GITHUB_ENV; fail loudly instead of
            // silently doing nothing.
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!("{} cannot be exported through the runner", name),
            ));
        }
        self.key_value(self.files.env.as_ref(), name, value)
    }

    /// Save state for the `post:` step of a JavaScript/composite action.
    pub fn save_state(&self, name: &str, value: &str) -> io::Result<bool> {
        self.key_value(self.files.state.as_ref(), name, value)
    }

    /// Prepend `dir` to PATH for the following steps.
    pub fn add_path(&self, dir: impl AsRef<Path>) -> io::Result<bool> {
        let dir = dir.as_ref();
        let s = dir.to_str().ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, "PATH entry is not UTF-8")
        })?;
        if s.contains('\n') || s.is_empty() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "bad PATH entry"));
        }
        match &self.files.path {
            Some(p) => append(p, &format!("{}\n", s)).map(|_| true),
            None => Ok(false),
        }
    }

    /// Append Markdown to the job summary.
    pub fn append_summary(&self, markdown: &str) -> io::Result<bool> {
        match &self.files.summary {
            Some(p) => append(p, markdown).map(|_| true),
            None => Ok(false),
        }
    }

    fn command(&self, line: String) {
        if self.stdout_commands {
            let out = io::stdout();
            let mut out = out.lock();
            let _ = writeln!(out, "{}", line);
            let _ = out.flush();
        }
    }

    /// Ask the runner to redact `secret` from the log from now on.
    pub fn mask(&self, secret: &str) {
        for part in secret.lines().filter(|l| !l.trim().is_empty()) {
            self.command(format!("::add-mask::{}", escape_data(part)));
        }
    }

    pub fn group(&self, title: &str) {
        self.command(format!("::group::{}", escape_data(title)));
    }

    pub fn end_group(&self) {
        self.command("::endgroup::".to_owned());
    }

    pub fn annotate(&self, a: &Annotation) {
        self.command(a.render());
    }

    pub fn notice(&self, msg: &str, at: Option<(&str, u32)>) {
        self.annotate(&Annotation::notice(msg).at_opt(at));
    }

    pub fn warning(&self, msg: &str, at: Option<(&str, u32)>) {
        self.annotate(&Annotation::warning(msg).at_opt(at));
    }

    pub fn error(&self, msg: &str, at: Option<(&str, u32)>) {
        self.annotate(&Annotation::error(msg).at_opt(at));
    }
}
