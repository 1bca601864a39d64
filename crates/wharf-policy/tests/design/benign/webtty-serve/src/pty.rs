//! Run a command on a fresh pseudo-terminal.

use anyhow::{Context, Result};
use nix::pty::{openpty, Winsize};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};

pub struct Pty {
    pub master: OwnedFd,
    pub child: Child,
}

pub fn spawn(argv: &[String], cwd: Option<&Path>, cols: u16, rows: u16) -> Result<Pty> {
    let ws = Winsize { ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0 };
    let pair = openpty(Some(&ws), None).context("openpty")?;
    let slave = pair.slave;

    let (program, rest) = argv.split_first().context("empty command")?;
    let mut cmd = Command::new(program);
    cmd.args(rest)
        .env("TERM", "xterm-256color")
        .env("WEBTTY", "1")
        .stdin(Stdio::from(slave.try_clone()?))
        .stdout(Stdio::from(slave.try_clone()?))
        .stderr(Stdio::from(slave));
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    unsafe {
        cmd.pre_exec(|| {
            // new session, and make the pty (now fd 0) our controlling terminal
            if libc::setsid() == -1 {
                return Err(std::io::Error::last_os_error());
            }
            if libc::ioctl(0, libc::TIOCSCTTY as _, 0) == -1 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = cmd.spawn().with_context(|| format!("starting {program}"))?;
    Ok(Pty { master: pair.master, child })
}

pub fn resize(master: &OwnedFd, cols: u16, rows: u16) {
    let ws = libc::winsize { ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0 };
    unsafe {
        libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &ws);
    }
}
