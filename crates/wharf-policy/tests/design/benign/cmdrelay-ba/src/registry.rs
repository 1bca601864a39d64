//! The allowlist: named commands with fixed programs and argument rules.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub type ArgCheck = Arc<dyn Fn(&str) -> bool + Send + Sync>;

/// One runnable command. The program path and fixed arguments are set by
/// the server's code; clients may only add up to `max_extra` arguments that
/// pass `check`.
#[derive(Clone)]
pub struct CommandSpec {
    pub(crate) program: PathBuf,
    pub(crate) fixed: Vec<String>,
    pub(crate) max_extra: usize,
    pub(crate) check: Option<ArgCheck>,
    pub(crate) timeout: Duration,
    pub(crate) max_output: usize,
    pub(crate) cwd: Option<PathBuf>,
    pub(crate) env: Vec<(String, String)>,
}

impl CommandSpec {
    pub fn new(program: impl Into<PathBuf>) -> Self {
        CommandSpec {
            program: program.into(),
            fixed: Vec::new(),
            max_extra: 0,
            check: None,
            timeout: Duration::from_secs(30),
            max_output: 256 * 1024,
            cwd: None,
            env: Vec::new(),
        }
    }

    pub fn fixed_args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.fixed = args.into_iter().map(Into::into).collect();
        self
    }

    /// Allow up to `max` client-supplied arguments, each accepted by `check`.
    pub fn extra_args(mut self, max: usize, check: impl Fn(&str) -> bool + Send + Sync + 'static) -> Self {
        self.max_extra = max;
        self.check = Some(Arc::new(check));
        self
    }

    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    pub fn max_output(mut self, bytes: usize) -> Self {
        self.max_output = bytes;
        self
    }

    pub fn cwd(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cwd = Some(dir.into());
        self
    }

    /// Environment for the child (it otherwise starts with an empty one
    /// apart from `PATH=/usr/bin:/bin`).
    pub fn env(mut self, k: impl Into<String>, v: impl Into<String>) -> Self {
        self.env.push((k.into(), v.into()));
        self
    }

    /// Validate client-supplied arguments against this spec.
    pub(crate) fn validate(&self, extra: &[String]) -> Result<(), String> {
        if extra.len() > self.max_extra {
            return Err(format!("at most {} extra argument(s) allowed", self.max_extra));
        }
        for a in extra {
            // Leading '-' is refused so clients cannot inject options.
            if a.is_empty() || a.len() > 256 || a.starts_with('-') || a.contains('\0') {
                return Err("argument rejected".into());
            }
            if let Some(check) = &self.check {
                if !check(a) {
                    return Err(format!("argument {a:?} rejected"));
                }
            }
        }
        Ok(())
    }
}

/// Name -> command.
#[derive(Clone, Default)]
pub struct Registry {
    pub(crate) commands: BTreeMap<String, CommandSpec>,
}

impl Registry {
    pub fn new() -> Self {
        Registry::default()
    }

    pub fn register(mut self, name: &str, spec: CommandSpec) -> Self {
        assert!(
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "command names are [A-Za-z0-9_-]+"
        );
        self.commands.insert(name.to_owned(), spec);
        self
    }

    pub fn get(&self, name: &str) -> Option<&CommandSpec> {
        self.commands.get(name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.commands.keys().map(|s| s.as_str())
    }
}
