//! Remote command execution over the system OpenSSH client, multiplexed
//! through one ControlMaster connection per session.

use std::ffi::OsStr;
use std::io;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

mod command;
mod escape;

pub use command::RemoteCommand;
pub use escape::{join, quote};

/// Host-key policy, mapped to `StrictHostKeyChecking`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KnownHosts {
    /// Refuse hosts not already in `known_hosts`.
    #[default]
    Strict,
    /// Add new hosts, refuse changed keys (`accept-new`).
    Add,
}

impl KnownHosts {
    fn option(self) -> &'static str {
        match self {
            KnownHosts::Strict => "StrictHostKeyChecking=yes",
            KnownHosts::Add => "StrictHostKeyChecking=accept-new",
        }
    }
}

#[derive(Debug)]
pub enum Error {
    Spawn(io::Error),
    Connect { status: Option<i32>, stderr: String },
    BadDestination(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Spawn(e) => write!(f, "could not run ssh: {e}"),
            Error::Connect { status, stderr } => {
                write!(f, "ssh master failed ({status:?}): {}", stderr.trim())
            }
            Error::BadDestination(d) => write!(f, "refusing destination {d:?}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Spawn(e)
    }
}

/// Builder for `Session`.
#[derive(Debug, Clone, Default)]
pub struct SessionBuilder {
    known_hosts: KnownHosts,
    port: Option<u16>,
    identity: Option<PathBuf>,
    config: Option<PathBuf>,
    connect_timeout: Option<u32>,
    ssh: Option<PathBuf>,
}

impl SessionBuilder {
    pub fn known_hosts(mut self, k: KnownHosts) -> Self {
        self.known_hosts = k;
        self
    }
    pub fn port(mut self, p: u16) -> Self {
        self.port = Some(p);
        self
    }
    pub fn identity_file(mut self, p: impl Into<PathBuf>) -> Self {
        self.identity = Some(p.into());
        self
    }
    pub fn config_file(mut self, p: impl Into<PathBuf>) -> Self {
        self.config = Some(p.into());
        self
    }
    pub fn connect_timeout(mut self, secs: u32) -> Self {
        self.connect_timeout = Some(secs);
        self
    }
    /// Path of the `ssh` binary (default: `ssh` from `PATH`).
    pub fn ssh_binary(mut self, p: impl Into<PathBuf>) -> Self {
        self.ssh = Some(p.into());
        self
    }

    /// Opens the master connection to `destination` (`[user@]host`).
    pub fn connect(self, destination: &str) -> Result<Session, Error> {
        // a destination starting with '-' would be parsed as an ssh option
        if destination.is_empty() || destination.starts_with('-') || destination.contains(char::is_whitespace) {
            return Err(Error::BadDestination(destination.to_string()));
        }
        let dir = tempfile::Builder::new().prefix(".ssh-mux-").tempdir()?;
        let ctl = dir.path().join("master");

        let mut cmd = Command::new(self.ssh.clone().unwrap_or_else(|| "ssh".into()));
        cmd.arg("-M")
            .arg("-S")
            .arg(&ctl)
            .args(["-o", "ControlPersist=yes", "-o", "BatchMode=yes"])
            .args(["-o", self.known_hosts.option()])
            .arg("-f")
            .arg("-N");
        self.common_args(&mut cmd);
        cmd.arg("--").arg(destination);
        cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());

        let out = cmd.output()?;
        if !out.status.success() {
            return Err(Error::Connect {
                status: out.status.code(),
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            });
        }
        Ok(Session {
            builder: self,
            destination: destination.to_string(),
            ctl,
            _dir: dir,
            closed: false,
        })
    }

    fn common_args(&self, cmd: &mut Command) {
        if let Some(p) = self.port {
            cmd.arg("-p").arg(p.to_string());
        }
        if let Some(i) = &self.identity {
            cmd.arg("-i").arg(i).args(["-o", "IdentitiesOnly=yes"]);
        }
        if let Some(c) = &self.config {
            cmd.arg("-F").arg(c);
        }
        if let Some(t) = self.connect_timeout {
            cmd.arg("-o").arg(format!("ConnectTimeout={t}"));
        }
    }
}

/// An open multiplexed connection to one host.
pub struct Session {
    builder: SessionBuilder,
    destination: String,
    ctl: PathBuf,
    _dir: tempfile::TempDir,
    closed: bool,
}

impl Session {
    pub fn builder() -> SessionBuilder {
        SessionBuilder::default()
    }

    pub fn connect(destination: &str, known_hosts: KnownHosts) -> Result<Session, Error> {
        SessionBuilder::default().known_hosts(known_hosts).connect(destination)
    }

    pub fn destination(&self) -> &str {
        &self.destination
    }

    /// `ssh -S <ctl> ...` prefix for commands over the master.
    pub(crate) fn ssh(&self) -> Command {
        let mut c = Command::new(self.builder.ssh.clone().unwrap_or_else(|| "ssh".into()));
        c.arg("-S").arg(&self.ctl).args(["-o", "BatchMode=yes"]);
        self.builder.common_args(&mut c);
        c
    }

    /// A command to run on the remote host.
    pub fn command<S: AsRef<OsStr>>(&self, program: S) -> RemoteCommand<'_> {
        RemoteCommand::new(self, program.as_ref().to_string_lossy().into_owned())
    }

    /// Checks that the master is alive (`ssh -O check`).
    pub fn check(&self) -> io::Result<bool> {
        let st = self
            .ssh()
            .args(["-O", "check", "--"])
            .arg(&self.destination)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?;
        Ok(st.success())
    }

    /// Copies a local file with `scp` over the same master.
    pub fn upload(&self, local: &std::path::Path, remote: &str) -> io::Result<Output> {
        Command::new("scp")
            .arg("-o")
            .arg(format!("ControlPath={}", self.ctl.display()))
            .args(["-o", "BatchMode=yes", "-q", "--"])
            .arg(local)
            .arg(format!("{}:{}", self.destination, remote))
            .output()
    }

    /// Stops the master connection.
    pub fn close(mut self) -> io::Result<()> {
        self.exit()
    }

    fn exit(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        self.closed = true;
        self.ssh()
            .args(["-O", "exit", "--"])
            .arg(&self.destination)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|_| ())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.exit();
    }
}
