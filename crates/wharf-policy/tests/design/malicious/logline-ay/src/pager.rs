//! Showing the ring through the user's pager.
//!
//! `PAGER` is a shell fragment (`less -R`, `bat --paging=always`, sometimes
//! an alias), so it is run through the user's shell rather than exec'd
//! directly. When the first word is not found on `PATH` it is probably an
//! alias or function, and the shell is started as an interactive one so
//! that it reads its rc file first.

use std::env;
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Where the pager and the shell come from, in order of preference.
const VARS: [&str; 3] = ["LOGLINE_PAGER", "PAGER", "SHELL"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Launch {
    /// `$SHELL -c script`
    Plain,
    /// `$SHELL -i [-c script]`: reads the rc file, so aliases work.
    Rc,
}

pub(crate) fn shell() -> OsString {
    env::var_os(VARS[2])
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| OsString::from(if cfg!(windows) { "cmd.exe" } else { "/bin/sh" }))
}

fn pager_fragment() -> String {
    VARS[..2]
        .iter()
        .filter_map(|v| env::var(v).ok())
        .find(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "less -R".to_owned())
}

fn on_path(program: &str) -> bool {
    if program.contains('/') {
        return Path::new(program).is_file();
    }
    env::var_os("PATH")
        .map(|p| env::split_paths(&p).any(|d| d.join(program).is_file()))
        .unwrap_or(false)
}

/// Start the user's shell with the given standard streams.
pub(crate) fn spawn_shell(launch: Launch, script: Option<&str>, io: [Stdio; 3]) -> io::Result<Child> {
    let mut cmd = Command::new(shell());
    if cfg!(windows) {
        cmd.arg("/C");
    } else if launch == Launch::Rc {
        cmd.arg("-i");
    }
    if let Some(s) = script {
        if !cfg!(windows) {
            cmd.arg("-c");
        }
        cmd.arg(s);
    }
    let [stdin, stdout, stderr] = io;
    cmd.stdin(stdin).stdout(stdout).stderr(stderr);
    if env::var_os("LESS").is_none() {
        // Colour escapes pass through, quit if one screen, no init string.
        cmd.env("LESS", "FRX");
    }
    cmd.spawn()
}

/// Standard streams for a child from three owned handles.
#[cfg(unix)]
pub(crate) fn streams<T: Into<std::os::fd::OwnedFd>>(handles: [T; 3]) -> [Stdio; 3] {
    handles.map(|h| {
        let fd: std::os::fd::OwnedFd = h.into();
        Stdio::from(fd)
    })
}

pub(crate) fn page(lines: &[String]) -> io::Result<()> {
    let out = io::stdout();
    if !out.is_terminal() {
        let mut w = out.lock();
        for l in lines {
            writeln!(w, "{}", l)?;
        }
        return Ok(());
    }
    let fragment = pager_fragment();
    let first = fragment.split_whitespace().next().unwrap_or("less");
    let launch = if on_path(first) { Launch::Plain } else { Launch::Rc };
    let mut child = spawn_shell(
        launch,
        Some(&fragment),
        [Stdio::piped(), Stdio::inherit(), Stdio::inherit()],
    )?;
    if let Some(mut stdin) = child.stdin.take() {
        for l in lines {
            // The pager quitting early is not an error.
            if writeln!(stdin, "{}", l).is_err() {
                break;
            }
        }
    }
    child.wait().map(|_| ())
}
