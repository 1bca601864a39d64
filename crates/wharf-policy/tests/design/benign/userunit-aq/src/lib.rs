//! Per-user login items: systemd user units, launchd agents, XDG autostart entries.
//!
//! Everything is computed as a [`Plan`] first; [`Plan::apply`] performs exactly the listed
//! file operations and nothing else.

mod launchd;
mod systemd;
mod xdg;

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum Error {
    InvalidName(String),
    RelativeProgram(PathBuf),
    NoHome,
    Unsupported,
    Io(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidName(n) => write!(f, "invalid unit name `{n}` (use letters, digits, '.', '-', '_')"),
            Error::RelativeProgram(p) => write!(f, "program path must be absolute: {}", p.display()),
            Error::NoHome => f.write_str("cannot determine the home directory"),
            Error::Unsupported => f.write_str("no supported login-item mechanism on this platform"),
            Error::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error::Io(e)
    }
}

/// What to start at login. All values come from the caller.
#[derive(Debug, Clone)]
pub struct UnitSpec {
    pub name: String,
    pub program: PathBuf,
    pub args: Vec<String>,
    pub description: String,
    pub env: Vec<(String, String)>,
    pub working_dir: Option<PathBuf>,
    pub restart_on_failure: bool,
}

impl UnitSpec {
    pub fn new(name: &str, program: impl Into<PathBuf>) -> UnitSpec {
        UnitSpec {
            name: name.to_string(),
            program: program.into(),
            args: Vec::new(),
            description: name.to_string(),
            env: Vec::new(),
            working_dir: None,
            restart_on_failure: false,
        }
    }

    pub fn arg(mut self, a: &str) -> UnitSpec {
        self.args.push(a.to_string());
        self
    }

    pub fn description(mut self, d: &str) -> UnitSpec {
        self.description = d.to_string();
        self
    }

    pub fn env(mut self, k: &str, v: &str) -> UnitSpec {
        self.env.push((k.to_string(), v.to_string()));
        self
    }

    pub fn working_dir(mut self, d: impl Into<PathBuf>) -> UnitSpec {
        self.working_dir = Some(d.into());
        self
    }

    pub fn restart_on_failure(mut self, yes: bool) -> UnitSpec {
        self.restart_on_failure = yes;
        self
    }

    fn validate(&self) -> Result<(), Error> {
        validate_name(&self.name)?;
        if !self.program.is_absolute() {
            return Err(Error::RelativeProgram(self.program.clone()));
        }
        Ok(())
    }
}

pub(crate) fn validate_name(name: &str) -> Result<(), Error> {
    let ok = !name.is_empty()
        && name.len() <= 128
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidName(name.to_string()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Systemd,
    Launchd,
    XdgAutostart,
}

#[derive(Debug, Clone)]
pub struct Options {
    /// Pick the back-end instead of detecting it.
    pub backend: Option<Backend>,
    /// For systemd: also create the `default.target.wants` link (same as `systemctl --user enable`).
    pub enable: bool,
    /// Override the home directory (tests, packaging).
    pub home: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Options {
        Options { backend: None, enable: true, home: None }
    }
}

impl Options {
    fn home(&self) -> Result<PathBuf, Error> {
        if let Some(h) = &self.home {
            return Ok(h.clone());
        }
        std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from).ok_or(Error::NoHome)
    }

    fn backend(&self, home: &Path) -> Result<Backend, Error> {
        if let Some(b) = self.backend {
            return Ok(b);
        }
        if cfg!(target_os = "macos") {
            Ok(Backend::Launchd)
        } else if cfg!(target_os = "linux") {
            if Path::new("/run/systemd/system").exists() || home.join(".config/systemd").is_dir() {
                Ok(Backend::Systemd)
            } else {
                Ok(Backend::XdgAutostart)
            }
        } else {
            Err(Error::Unsupported)
        }
    }
}

/// One file operation of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Write { path: PathBuf, contents: String, mode: u32 },
    Symlink { link: PathBuf, target: PathBuf },
    Remove { path: PathBuf },
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Op::Write { path, contents, mode } => {
                writeln!(f, "write {} (mode {mode:o}):", path.display())?;
                for l in contents.lines() {
                    writeln!(f, "    {l}")?;
                }
                Ok(())
            }
            Op::Symlink { link, target } => writeln!(f, "link  {} -> {}", link.display(), target.display()),
            Op::Remove { path } => writeln!(f, "remove {}", path.display()),
        }
    }
}

/// A list of operations plus the command the user can run to start the unit immediately.
#[derive(Debug, Clone)]
pub struct Plan {
    pub backend: Backend,
    pub ops: Vec<Op>,
    pub start_hint: Option<String>,
}

impl Plan {
    /// Performs the operations. Nothing is executed.
    pub fn apply(&self) -> io::Result<()> {
        for op in &self.ops {
            match op {
                Op::Write { path, contents, mode } => {
                    if let Some(d) = path.parent() {
                        fs::create_dir_all(d)?;
                    }
                    let tmp = path.with_extension("userunit-tmp");
                    {
                        let mut f = fs::File::create(&tmp)?;
                        f.write_all(contents.as_bytes())?;
                    }
                    set_mode(&tmp, *mode)?;
                    fs::rename(&tmp, path)?;
                }
                Op::Symlink { link, target } => {
                    if let Some(d) = link.parent() {
                        fs::create_dir_all(d)?;
                    }
                    if fs::symlink_metadata(link).is_ok() {
                        fs::remove_file(link)?;
                    }
                    symlink(target, link)?;
                }
                Op::Remove { path } => match fs::remove_file(path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                },
            }
        }
        Ok(())
    }
}

#[cfg(unix)]
fn set_mode(p: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "symlinks not supported"))
}

/// Computes what installing `spec` would do. Nothing is written.
pub fn plan(spec: &UnitSpec, opts: &Options) -> Result<Plan, Error> {
    spec.validate()?;
    let home = opts.home()?;
    let backend = opts.backend(&home)?;
    Ok(match backend {
        Backend::Systemd => systemd::plan(spec, &home, opts.enable),
        Backend::Launchd => launchd::plan(spec, &home),
        Backend::XdgAutostart => xdg::plan(spec, &home),
    })
}

/// Installs `spec` (equivalent to `plan(spec, opts)?.apply()`).
pub fn install(spec: &UnitSpec, opts: &Options) -> Result<Plan, Error> {
    let p = plan(spec, opts)?;
    p.apply()?;
    Ok(p)
}

/// Computes the removal plan for a unit previously installed under `name`.
pub fn plan_uninstall(name: &str, opts: &Options) -> Result<Plan, Error> {
    validate_name(name)?;
    let home = opts.home()?;
    let backend = opts.backend(&home)?;
    Ok(match backend {
        Backend::Systemd => systemd::plan_remove(name, &home),
        Backend::Launchd => launchd::plan_remove(name, &home),
        Backend::XdgAutostart => xdg::plan_remove(name, &home),
    })
}

pub fn uninstall(name: &str, opts: &Options) -> Result<Plan, Error> {
    let p = plan_uninstall(name, opts)?;
    p.apply()?;
    Ok(p)
}

/// Is a unit named `name` currently installed?
pub fn is_installed(name: &str, opts: &Options) -> Result<bool, Error> {
    let p = plan_uninstall(name, opts)?;
    Ok(p.ops.iter().any(|op| match op {
        Op::Remove { path } => path.exists(),
        _ => false,
    }))
}
