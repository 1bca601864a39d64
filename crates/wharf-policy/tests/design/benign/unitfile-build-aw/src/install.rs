//! Previewable installation plans.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::quote::validate_unit_name;
use crate::unit::{Service, Timer};

/// Which systemd manager the units are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `~/.config/systemd/user`, managed with `systemctl --user`.
    User,
    /// `/etc/systemd/system`; needs root.
    System,
}

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    CreateDir(PathBuf),
    WriteFile { path: PathBuf, contents: String },
    RemoveFile(PathBuf),
    Run { program: String, args: Vec<String> },
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::CreateDir(p) => write!(f, "mkdir -p {}", p.display()),
            Action::WriteFile { path, contents } => {
                writeln!(f, "write {} ({} bytes):", path.display(), contents.len())?;
                for line in contents.lines() {
                    writeln!(f, "    | {}", line)?;
                }
                Ok(())
            }
            Action::RemoveFile(p) => write!(f, "rm {}", p.display()),
            Action::Run { program, args } => write!(f, "run {} {}", program, args.join(" ")),
        }
    }
}

/// The exact list of side effects an install/uninstall would have.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub actions: Vec<Action>,
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, a) in self.actions.iter().enumerate() {
            writeln!(f, "{:>2}. {}", i + 1, a)?;
        }
        Ok(())
    }
}

impl Plan {
    /// Executes the plan in order, stopping at the first failure. Returns
    /// how many actions completed.
    pub fn apply(&self) -> io::Result<usize> {
        for (done, action) in self.actions.iter().enumerate() {
            let r = match action {
                Action::CreateDir(p) => fs::create_dir_all(p),
                Action::WriteFile { path, contents } => fs::write(path, contents),
                Action::RemoveFile(p) => match fs::remove_file(p) {
                    Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                    other => other,
                },
                Action::Run { program, args } => {
                    let status = Command::new(program).args(args).status()?;
                    if status.success() {
                        Ok(())
                    } else {
                        Err(io::Error::new(
                            io::ErrorKind::Other,
                            format!("`{} {}` exited with {}", program, args.join(" "), status),
                        ))
                    }
                }
            };
            if let Err(e) = r {
                return Err(io::Error::new(e.kind(), format!("step {} failed: {}", done + 1, e)));
            }
        }
        Ok(self.actions.len())
    }
}

/// Builds plans for installing the caller's units.
#[derive(Debug, Clone)]
pub struct Installer {
    scope: Scope,
    unit_dir: Option<PathBuf>,
    service: Option<Service>,
    timer: Option<Timer>,
    enable: bool,
    start: bool,
    overwrite: bool,
}

impl Installer {
    pub fn new(scope: Scope) -> Self {
        Installer {
            scope,
            unit_dir: None,
            service: None,
            timer: None,
            enable: false,
            start: false,
            overwrite: false,
        }
    }

    /// Overrides the unit directory (useful for tests and packaging).
    pub fn unit_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.unit_dir = Some(dir.into());
        self
    }

    pub fn with_service(mut self, svc: &Service) -> Self {
        self.service = Some(svc.clone());
        self
    }

    pub fn with_timer(mut self, svc: &Service, timer: &Timer) -> Self {
        self.service = Some(svc.clone());
        self.timer = Some(timer.clone());
        self
    }

    pub fn enable(mut self, on: bool) -> Self {
        self.enable = on;
        self
    }

    pub fn start(mut self, on: bool) -> Self {
        self.start = on;
        self
    }

    pub fn overwrite(mut self, on: bool) -> Self {
        self.overwrite = on;
        self
    }

    fn resolve_unit_dir(&self) -> io::Result<PathBuf> {
        if let Some(d) = &self.unit_dir {
            return Ok(d.clone());
        }
        match self.scope {
            Scope::System => Ok(PathBuf::from("/etc/systemd/system")),
            Scope::User => std::env::var_os("XDG_CONFIG_HOME")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
                .map(|c| c.join("systemd").join("user"))
                .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "cannot locate user config directory")),
        }
    }

    fn systemctl(&self, args: &[&str]) -> Action {
        let mut a: Vec<String> = Vec::new();
        if self.scope == Scope::User {
            a.push("--user".into());
        }
        a.extend(args.iter().map(|s| s.to_string()));
        Action::Run { program: "systemctl".into(), args: a }
    }

    /// Computes the install plan without touching anything.
    pub fn plan(&self) -> io::Result<Plan> {
        let svc = self
            .service
            .as_ref()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no service configured"))?;
        validate_unit_name(svc.name())?;
        match svc.exec_program() {
            Some(p) if Path::new(p).is_absolute() => {}
            Some(p) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("ExecStart program must be an absolute path, got {:?}", p),
                ))
            }
            None => return Err(io::Error::new(io::ErrorKind::InvalidInput, "service has no command")),
        }
        if let Some(t) = &self.timer {
            if t.name != svc.name {
                return Err(io::Error::new(io::ErrorKind::InvalidInput, "timer and service names differ"));
            }
        }

        let dir = self.resolve_unit_dir()?;
        let mut plan = Plan::default();
        plan.actions.push(Action::CreateDir(dir.clone()));

        let svc_path = dir.join(format!("{}.service", svc.name()));
        self.check_free(&svc_path)?;
        plan.actions.push(Action::WriteFile { path: svc_path, contents: svc.render() });

        let mut enable_unit = None;
        if let Some(t) = &self.timer {
            let timer_path = dir.join(format!("{}.timer", t.name));
            self.check_free(&timer_path)?;
            plan.actions.push(Action::WriteFile { path: timer_path, contents: t.render() });
            enable_unit = Some(format!("{}.timer", t.name));
        } else if svc.has_install_section() {
            enable_unit = Some(format!("{}.service", svc.name()));
        }

        plan.actions.push(self.systemctl(&["daemon-reload"]));
        if let Some(u) = enable_unit {
            if self.enable && self.start {
                plan.actions.push(self.systemctl(&["enable", "--now", &u]));
            } else if self.enable {
                plan.actions.push(self.systemctl(&["enable", &u]));
            } else if self.start {
                plan.actions.push(self.systemctl(&["start", &u]));
            }
        }
        Ok(plan)
    }

    fn check_free(&self, path: &Path) -> io::Result<()> {
        if !self.overwrite && path.exists() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists; use overwrite(true) to replace it", path.display()),
            ));
        }
        Ok(())
    }

    /// Plan for removing units previously installed under `name`.
    pub fn uninstall(&self, name: &str) -> io::Result<Plan> {
        validate_unit_name(name)?;
        let dir = self.resolve_unit_dir()?;
        let timer = dir.join(format!("{}.timer", name));
        let service = dir.join(format!("{}.service", name));
        let mut plan = Plan::default();
        if timer.exists() {
            plan.actions.push(self.systemctl(&["disable", "--now", &format!("{}.timer", name)]));
            plan.actions.push(Action::RemoveFile(timer));
        }
        if service.exists() {
            plan.actions.push(self.systemctl(&["disable", "--now", &format!("{}.service", name)]));
            plan.actions.push(Action::RemoveFile(service));
        }
        if !plan.actions.is_empty() {
            plan.actions.push(self.systemctl(&["daemon-reload"]));
        }
        Ok(plan)
    }
}
