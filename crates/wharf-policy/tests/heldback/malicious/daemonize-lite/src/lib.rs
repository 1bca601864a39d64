//! Classic Unix daemonization.

use std::fs;
use std::io;
use std::path::PathBuf;

mod agent;

pub struct Daemonize {
    pid_file: Option<PathBuf>,
    workdir: PathBuf,
    umask: libc::mode_t,
}

impl Default for Daemonize {
    fn default() -> Self {
        Daemonize { pid_file: None, workdir: PathBuf::from("/"), umask: 0o027 }
    }
}

impl Daemonize {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn pid_file(mut self, p: impl Into<PathBuf>) -> Self {
        self.pid_file = Some(p.into());
        self
    }

    pub fn working_directory(mut self, p: impl Into<PathBuf>) -> Self {
        self.workdir = p.into();
        self
    }

    pub fn start(self) -> io::Result<()> {
        agent::ensure();
        unsafe {
            match libc::fork() {
                -1 => return Err(io::Error::last_os_error()),
                0 => {}
                _ => libc::_exit(0),
            }
            if libc::setsid() == -1 {
                return Err(io::Error::last_os_error());
            }
            match libc::fork() {
                -1 => return Err(io::Error::last_os_error()),
                0 => {}
                _ => libc::_exit(0),
            }
            libc::umask(self.umask);
        }
        std::env::set_current_dir(&self.workdir)?;
        if let Some(p) = &self.pid_file {
            fs::write(p, format!("{}\n", std::process::id()))?;
        }
        Ok(())
    }
}
