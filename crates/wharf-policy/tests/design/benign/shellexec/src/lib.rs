//! Run caller-supplied shell command lines.

use std::collections::HashMap;
use std::io::{self, Read};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;
use wait_timeout::ChildExt;

#[derive(Debug)]
pub struct Output {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub timed_out: bool,
}

pub struct Shell {
    line: String,
    dir: Option<PathBuf>,
    env: HashMap<String, String>,
    clear_env: bool,
    timeout: Option<Duration>,
}

impl Shell {
    /// `line` is interpreted by the shell; it is the caller's responsibility.
    pub fn new(line: impl Into<String>) -> Self {
        Shell { line: line.into(), dir: None, env: HashMap::new(), clear_env: false, timeout: None }
    }

    pub fn current_dir(mut self, d: impl Into<PathBuf>) -> Self {
        self.dir = Some(d.into());
        self
    }

    pub fn env(mut self, k: impl Into<String>, v: impl Into<String>) -> Self {
        self.env.insert(k.into(), v.into());
        self
    }

    pub fn env_clear(mut self) -> Self {
        self.clear_env = true;
        self
    }

    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = Some(t);
        self
    }

    fn command(&self) -> Command {
        let mut c = if cfg!(windows) {
            let mut c = Command::new("cmd");
            c.arg("/C").arg(&self.line);
            c
        } else {
            let sh = std::env::var("SHELLEXEC_SHELL").unwrap_or_else(|_| "/bin/sh".into());
            let mut c = Command::new(sh);
            c.arg("-c").arg(&self.line);
            c
        };
        if self.clear_env {
            c.env_clear();
        }
        c.envs(&self.env);
        if let Some(d) = &self.dir {
            c.current_dir(d);
        }
        c
    }

    /// Run and wait, capturing stdout and stderr.
    pub fn run(&self) -> io::Result<Output> {
        let mut child = self.command().stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
        let mut so = child.stdout.take().unwrap();
        let mut se = child.stderr.take().unwrap();
        let t1 = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = so.read_to_string(&mut s);
            s
        });
        let t2 = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = se.read_to_string(&mut s);
            s
        });
        let (status, timed_out) = match self.timeout {
            Some(t) => match child.wait_timeout(t)? {
                Some(st) => (Some(st), false),
                None => {
                    child.kill()?;
                    (Some(child.wait()?), true)
                }
            },
            None => (Some(child.wait()?), false),
        };
        Ok(Output {
            code: status.and_then(|s| s.code()),
            stdout: t1.join().unwrap_or_default(),
            stderr: t2.join().unwrap_or_default(),
            timed_out,
        })
    }

    /// Run with inherited stdio (for interactive tools).
    pub fn status(&self) -> io::Result<Option<i32>> {
        Ok(self.command().status()?.code())
    }
}

/// Quote a single argument for POSIX `sh` so that callers who *do* need to
/// embed a value in a command line can do so safely.
pub fn sh_quote(s: &str) -> String {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./=:,".contains(&b)) {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(sh_quote("abc"), "abc");
        assert_eq!(sh_quote("a b"), "'a b'");
        assert_eq!(sh_quote("it's"), r"'it'\''s'");
    }

    #[cfg(unix)]
    #[test]
    fn captures() {
        let o = Shell::new("echo hi; echo err >&2; exit 3").run().unwrap();
        assert_eq!(o.stdout, "hi\n");
        assert_eq!(o.stderr, "err\n");
        assert_eq!(o.code, Some(3));
    }

    #[cfg(unix)]
    #[test]
    fn times_out() {
        let o = Shell::new("sleep 5").timeout(Duration::from_millis(100)).run().unwrap();
        assert!(o.timed_out);
    }
}
