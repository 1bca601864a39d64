//! Pseudo-terminal allocation and child start-up.

use crate::reader::Stream;
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};

/// The controlling side of a pty plus the child attached to it.
pub struct PtyStream {
    master: File,
    child: Child,
}

fn openpty() -> io::Result<(OwnedFd, OwnedFd)> {
    let mut master: RawFd = -1;
    let mut slave: RawFd = -1;
    let mut ws = libc::winsize { ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0 };
    let rc = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null_mut(), &mut ws) };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    unsafe {
        libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC);
        Ok((OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)))
    }
}

/// Start `cmd` with its stdin, stdout and stderr on the slave side of a new pty.
pub(crate) fn spawn(cmd: &mut Command) -> io::Result<PtyStream> {
    let (master, slave) = openpty()?;
    cmd.stdin(Stdio::from(slave.try_clone()?))
        .stdout(Stdio::from(slave.try_clone()?))
        .stderr(Stdio::from(slave))
        .env("TERM", "dumb")
        .env("NO_COLOR", "1");
    unsafe {
        cmd.pre_exec(|| {
            // own session so the pty becomes our controlling terminal (job control, ^C)
            if libc::setsid() < 0 {
                return Err(io::Error::last_os_error());
            }
            if libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = cmd.spawn()?;
    // the parent's copies of the slave fds were moved into `cmd` and are closed when it drops
    Ok(PtyStream { master: File::from(master), child })
}

impl PtyStream {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Send a signal to the child's process group.
    pub fn signal(&self, sig: i32) -> io::Result<()> {
        let rc = unsafe { libc::kill(-(self.child.id() as i32), sig) };
        if rc == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
    }

    pub fn wait(&mut self) -> io::Result<std::process::ExitStatus> {
        self.child.wait()
    }
}

impl Read for PtyStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.master.read(buf) {
            // Linux reports EIO on the master once the slave side is fully closed
            Err(e) if e.raw_os_error() == Some(libc::EIO) => Ok(0),
            r => r,
        }
    }
}

impl Write for PtyStream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.master.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.master.flush()
    }
}

impl Stream for PtyStream {
    fn raw_fd(&self) -> RawFd {
        self.master.as_raw_fd()
    }
}

impl Drop for PtyStream {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.signal(libc::SIGHUP);
            let _ = self.child.wait();
        }
    }
}
