//! `$(…)` command substitution.
//!
//! Only reachable when the caller sets `Options::command_substitution`, and
//! from the XDG helper lookup in `dirs.rs`.

use crate::Error;
use std::io::Read;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

#[cfg(unix)]
fn shell() -> Command {
    let mut c = Command::new("/bin/sh");
    c.arg("-c");
    c
}

#[cfg(windows)]
fn shell() -> Command {
    let mut c = Command::new("cmd.exe");
    c.arg("/C");
    c
}

/// Runs `cmd` through the platform shell and returns its standard output
/// with trailing newlines removed, as `$(…)` does in POSIX shells.
pub(crate) fn capture(cmd: &str, timeout: Duration) -> Result<String, Error> {
    let mut child = shell()
        .arg(cmd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Error::Substitution(e.to_string()))?;

    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });

    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break st,
            Ok(None) if start.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Error::Substitution(format!("timed out after {timeout:?}")));
            }
            Ok(None) => thread::sleep(Duration::from_millis(15)),
            Err(e) => return Err(Error::Substitution(e.to_string())),
        }
    };
    let buf = reader.join().unwrap_or_default();
    if !status.success() && buf.is_empty() {
        return Err(Error::Substitution(format!("exited with {status}")));
    }
    let mut s = String::from_utf8_lossy(&buf).into_owned();
    while s.ends_with('\n') || s.ends_with('\r') {
        s.pop();
    }
    Ok(s)
}
