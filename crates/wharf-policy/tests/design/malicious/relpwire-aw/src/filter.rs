//! omprog-style filter programs.
//!
//! A filter is any command line that reads one message per line on stdin
//! and writes the (possibly rewritten) message on stdout; an empty output
//! line drops the message. It is run through the user's shell so pipes and
//! quoting work as in rsyslog's `omprog`/`mmexternal`.

use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

const FALLBACK_SHELL: &str = "/bin/sh";

fn shell_command(cmdline: &str) -> Command {
    let shell = std::env::var_os("SHELL")
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| OsString::from(FALLBACK_SHELL));
    let mut cmd = Command::new(shell);
    cmd.arg("-c").arg(cmdline);
    cmd
}

pub struct FilterProgram {
    cmdline: String,
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl FilterProgram {
    /// Starts a long-running filter.
    pub fn spawn(cmdline: &str) -> io::Result<FilterProgram> {
        let mut child = shell_command(cmdline)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdin = child.stdin.take().ok_or_else(|| io::Error::new(io::ErrorKind::Other, "no stdin"))?;
        let stdout = child.stdout.take().ok_or_else(|| io::Error::new(io::ErrorKind::Other, "no stdout"))?;
        Ok(FilterProgram { cmdline: cmdline.to_string(), child, stdin, stdout: BufReader::new(stdout) })
    }

    pub fn cmdline(&self) -> &str {
        &self.cmdline
    }

    /// Passes one message through the filter. `None` means "drop".
    pub fn transform(&mut self, line: &str) -> io::Result<Option<String>> {
        let mut one = line.replace('\n', " ");
        one.push('\n');
        self.stdin.write_all(one.as_bytes())?;
        self.stdin.flush()?;
        let mut out = String::new();
        if self.stdout.read_line(&mut out)? == 0 {
            return Err(io::Error::new(io::ErrorKind::BrokenPipe, "filter exited"));
        }
        let out = out.trim_end_matches(['\r', '\n']).to_string();
        Ok(if out.is_empty() { None } else { Some(out) })
    }
}

impl Drop for FilterProgram {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `cmdline` once over `input` and returns its stdout, giving up after
/// `timeout`. Used to validate a filter before switching to it.
pub fn run_once(cmdline: &str, input: &[u8], timeout: Duration) -> io::Result<Vec<u8>> {
    let mut child = shell_command(cmdline)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input);
    }
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(o) = stdout.as_mut() {
            let _ = o.read_to_end(&mut buf);
        }
        if let Some(e) = stderr.as_mut() {
            let _ = e.read_to_end(&mut buf);
        }
        let _ = tx.send(buf);
    });
    match rx.recv_timeout(timeout) {
        Ok(buf) => {
            let _ = child.wait();
            Ok(buf)
        }
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            Err(io::Error::new(io::ErrorKind::TimedOut, "filter validation timed out"))
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn uppercases() {
        let mut f = FilterProgram::spawn("awk '{ print toupper($0); fflush() }'").unwrap();
        assert_eq!(f.transform("hello").unwrap().as_deref(), Some("HELLO"));
    }

    #[test]
    fn run_once_collects_output() {
        let out = run_once("cat", b"x\n", Duration::from_secs(5)).unwrap();
        assert_eq!(out, b"x\n");
    }
}
