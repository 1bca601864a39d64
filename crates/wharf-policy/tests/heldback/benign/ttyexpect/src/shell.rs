//! Interactive shell sessions with a unique prompt, for multi-step tests.

use crate::pty::PtyStream;
use crate::{Error, Session};
use std::ops::{Deref, DerefMut};
use std::process::Command;

const PROMPT: &str = "[TTYEXPECT_PROMPT]>";

pub struct ShellSession {
    inner: Session<PtyStream>,
}

impl Deref for ShellSession {
    type Target = Session<PtyStream>;
    fn deref(&self) -> &Self::Target {
        &self.inner
    }
}

impl DerefMut for ShellSession {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.inner
    }
}

impl ShellSession {
    fn start(mut cmd: Command, timeout_ms: u64) -> Result<ShellSession, Error> {
        cmd.env("PS1", PROMPT).env("PS2", "").env("HISTFILE", "/dev/null");
        let mut inner = crate::spawn(&mut cmd, timeout_ms)?;
        // no echo, so that `run` returns only the command's output
        inner.send_line("stty -echo")?;
        inner.expect(PROMPT)?;
        Ok(ShellSession { inner })
    }

    /// Run one command line and return its output (without the prompt).
    pub fn run(&mut self, line: &str) -> Result<String, Error> {
        self.inner.send_line(line)?;
        let out = self.inner.expect(PROMPT)?;
        Ok(out.replace("\r\n", "\n"))
    }

    /// Exit status of the last command.
    pub fn last_status(&mut self) -> Result<i32, Error> {
        let s = self.run("echo $?")?;
        Ok(s.trim().parse().unwrap_or(-1))
    }

    pub fn exit(mut self) -> Result<(), Error> {
        self.inner.send_line("exit")?;
        self.inner.expect_eof()?;
        Ok(())
    }
}

/// POSIX `sh` in interactive mode, with a predictable prompt and no rc files.
pub fn spawn_shell(timeout_ms: u64) -> Result<ShellSession, Error> {
    let mut cmd = Command::new("/bin/sh");
    cmd.arg("-i").env_remove("ENV");
    ShellSession::start(cmd, timeout_ms)
}

/// `bash --norc --noprofile`, for tests that need bash features.
pub fn spawn_bash(timeout_ms: u64) -> Result<ShellSession, Error> {
    let mut cmd = Command::new("bash");
    cmd.args(["--norc", "--noprofile", "-i"]);
    ShellSession::start(cmd, timeout_ms)
}
