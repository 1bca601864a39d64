//! Remote command builder.

use std::io;
use std::process::{Child, ExitStatus, Output, Stdio};

use crate::escape::join;
use crate::Session;

pub struct RemoteCommand<'s> {
    session: &'s Session,
    program: String,
    args: Vec<String>,
    env: Vec<(String, String)>,
    cwd: Option<String>,
    tty: bool,
}

impl<'s> RemoteCommand<'s> {
    pub(crate) fn new(session: &'s Session, program: String) -> Self {
        RemoteCommand {
            session,
            program,
            args: Vec::new(),
            env: Vec::new(),
            cwd: None,
            tty: false,
        }
    }

    pub fn arg(&mut self, a: impl AsRef<str>) -> &mut Self {
        self.args.push(a.as_ref().to_string());
        self
    }

    pub fn args<I, S>(&mut self, it: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.args.extend(it.into_iter().map(|s| s.as_ref().to_string()));
        self
    }

    /// Sets a variable for the remote command (via `env`, since most servers
    /// refuse `SendEnv` for arbitrary names).
    pub fn env(&mut self, k: &str, v: &str) -> &mut Self {
        self.env.push((k.to_string(), v.to_string()));
        self
    }

    pub fn current_dir(&mut self, dir: &str) -> &mut Self {
        self.cwd = Some(dir.to_string());
        self
    }

    /// Request a pseudo-terminal (`-tt`), for programs that insist on one.
    pub fn tty(&mut self, yes: bool) -> &mut Self {
        self.tty = yes;
        self
    }

    fn line(&self) -> String {
        let mut words: Vec<String> = Vec::new();
        if !self.env.is_empty() {
            words.push("env".into());
            for (k, v) in &self.env {
                words.push(format!("{k}={v}"));
            }
        }
        words.push(self.program.clone());
        words.extend(self.args.iter().cloned());
        let cmd = join(&words);
        match &self.cwd {
            Some(d) => format!("cd {} && {}", crate::quote(d), cmd),
            None => cmd,
        }
    }

    fn base(&self) -> std::process::Command {
        let mut c = self.session.ssh();
        c.arg(if self.tty { "-tt" } else { "-T" });
        c.arg("--").arg(self.session.destination()).arg(self.line());
        c
    }

    pub fn output(&self) -> io::Result<Output> {
        self.base().stdin(Stdio::null()).output()
    }

    pub fn status(&self) -> io::Result<ExitStatus> {
        self.base().status()
    }

    /// Spawns with piped stdio for streaming.
    pub fn spawn(&self) -> io::Result<Child> {
        self.base()
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
    }
}
