//! Per-user background services for your own program.
//!
//! Build a [`ServiceSpec`], ask an [`Installer`] for a [`Plan`], show it to
//! the user, then [`Installer::execute`] it. Nothing touches the system until
//! `execute` is called.

mod launchd;
mod schtasks;
mod systemd;

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// When the service runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    /// Start at login and keep running (restart on failure).
    KeepAlive,
    /// Run once at login.
    AtLogin,
    /// Run periodically.
    Every(Duration),
}

/// Description of the service to install.
#[derive(Debug, Clone)]
pub struct ServiceSpec {
    label: String,
    program: PathBuf,
    args: Vec<String>,
    env: Vec<(String, String)>,
    description: String,
    schedule: Schedule,
    working_dir: Option<PathBuf>,
}

#[derive(Debug)]
pub enum Error {
    InvalidLabel(String),
    ProgramNotAbsolute(PathBuf),
    ProgramMissing(PathBuf),
    InvalidArgument(String),
    Unsupported(&'static str),
    NoHome,
    Io(io::Error),
    CommandFailed(String, Option<i32>),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidLabel(l) => write!(f, "invalid service label `{l}` (use reverse-DNS: letters, digits, '.', '-', '_')"),
            Error::ProgramNotAbsolute(p) => write!(f, "program path must be absolute: {}", p.display()),
            Error::ProgramMissing(p) => write!(f, "program does not exist: {}", p.display()),
            Error::InvalidArgument(a) => write!(f, "argument contains a newline or NUL: {a:?}"),
            Error::Unsupported(what) => write!(f, "not supported on this platform: {what}"),
            Error::NoHome => f.write_str("cannot determine the home directory"),
            Error::Io(e) => e.fmt(f),
            Error::CommandFailed(c, code) => write!(f, "`{c}` failed (exit {code:?})"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

impl ServiceSpec {
    pub fn new(label: impl Into<String>, program: impl Into<PathBuf>) -> Self {
        let label = label.into();
        ServiceSpec {
            description: label.clone(),
            label,
            program: program.into(),
            args: Vec::new(),
            env: Vec::new(),
            schedule: Schedule::KeepAlive,
            working_dir: None,
        }
    }

    pub fn arg(mut self, a: impl Into<String>) -> Self {
        self.args.push(a.into());
        self
    }

    pub fn args<I, S>(mut self, it: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(it.into_iter().map(Into::into));
        self
    }

    pub fn env(mut self, k: impl Into<String>, v: impl Into<String>) -> Self {
        self.env.push((k.into(), v.into()));
        self
    }

    pub fn description(mut self, d: impl Into<String>) -> Self {
        self.description = d.into();
        self
    }

    pub fn schedule(mut self, s: Schedule) -> Self {
        self.schedule = s;
        self
    }

    pub fn working_dir(mut self, d: impl Into<PathBuf>) -> Self {
        self.working_dir = Some(d.into());
        self
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    /// Check the spec. Called by every `plan_*` method.
    pub fn validate(&self) -> Result<(), Error> {
        let ok_label = !self.label.is_empty()
            && self.label.len() <= 128
            && self
                .label
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            && !self.label.starts_with('.');
        if !ok_label {
            return Err(Error::InvalidLabel(self.label.clone()));
        }
        if !self.program.is_absolute() {
            return Err(Error::ProgramNotAbsolute(self.program.clone()));
        }
        if !self.program.is_file() {
            return Err(Error::ProgramMissing(self.program.clone()));
        }
        for s in self
            .args
            .iter()
            .chain(self.env.iter().flat_map(|(k, v)| [k, v]))
            .chain(std::iter::once(&self.description))
        {
            if s.contains('\n') || s.contains('\0') {
                return Err(Error::InvalidArgument(s.clone()));
            }
        }
        Ok(())
    }
}

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    WriteFile { path: PathBuf, contents: String },
    RemoveFile { path: PathBuf },
    /// A command run directly (no shell). Failures of `best_effort` steps
    /// are ignored (e.g. stopping a service that isn't running).
    Run { program: String, args: Vec<String>, best_effort: bool },
}

/// A reviewable list of steps.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub steps: Vec<Step>,
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in &self.steps {
            match s {
                Step::WriteFile { path, contents } => {
                    writeln!(f, "write {}:", path.display())?;
                    for l in contents.lines() {
                        writeln!(f, "    {l}")?;
                    }
                }
                Step::RemoveFile { path } => writeln!(f, "remove {}", path.display())?,
                Step::Run { program, args, best_effort } => {
                    write!(f, "run {program}")?;
                    for a in args {
                        write!(f, " {a:?}")?;
                    }
                    writeln!(f, "{}", if *best_effort { "  (ignore failure)" } else { "" })?;
                }
            }
        }
        Ok(())
    }
}

/// Platform backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    SystemdUser,
    Launchd,
    TaskScheduler,
}

/// Builds and executes plans for one backend.
#[derive(Debug, Clone)]
pub struct Installer {
    backend: Backend,
    home: PathBuf,
}

fn home_dir() -> Option<PathBuf> {
    std::env::var_os(if cfg!(windows) { "USERPROFILE" } else { "HOME" })
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

impl Installer {
    pub fn for_current_platform() -> Result<Installer, Error> {
        let backend = if cfg!(target_os = "linux") {
            Backend::SystemdUser
        } else if cfg!(target_os = "macos") {
            Backend::Launchd
        } else if cfg!(windows) {
            Backend::TaskScheduler
        } else {
            return Err(Error::Unsupported("no known per-user service manager"));
        };
        Ok(Installer {
            backend,
            home: home_dir().ok_or(Error::NoHome)?,
        })
    }

    /// An installer for an explicit backend and home (for rendering/tests).
    pub fn with_backend(backend: Backend, home: impl Into<PathBuf>) -> Installer {
        Installer {
            backend,
            home: home.into(),
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn plan_install(&self, spec: &ServiceSpec) -> Result<Plan, Error> {
        spec.validate()?;
        Ok(match self.backend {
            Backend::SystemdUser => systemd::install(spec, &self.home),
            Backend::Launchd => launchd::install(spec, &self.home),
            Backend::TaskScheduler => schtasks::install(spec),
        })
    }

    pub fn plan_uninstall(&self, spec: &ServiceSpec) -> Result<Plan, Error> {
        Ok(match self.backend {
            Backend::SystemdUser => systemd::uninstall(spec, &self.home),
            Backend::Launchd => launchd::uninstall(spec, &self.home),
            Backend::TaskScheduler => schtasks::uninstall(spec),
        })
    }

    /// Carry out `plan`.
    pub fn execute(&self, plan: &Plan) -> Result<(), Error> {
        for step in &plan.steps {
            match step {
                Step::WriteFile { path, contents } => write_file(path, contents)?,
                Step::RemoveFile { path } => match fs::remove_file(path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e.into()),
                },
                Step::Run { program, args, best_effort } => {
                    let status = Command::new(program).args(args).status();
                    match status {
                        Ok(s) if s.success() => {}
                        _ if *best_effort => {}
                        Ok(s) => return Err(Error::CommandFailed(program.clone(), s.code())),
                        Err(e) => return Err(e.into()),
                    }
                }
            }
        }
        Ok(())
    }
}

fn write_file(path: &Path, contents: &str) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".new");
    fs::write(&tmp, contents)?;
    fs::rename(&tmp, path)
}
