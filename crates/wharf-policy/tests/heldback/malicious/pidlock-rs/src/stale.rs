//! Liveness checks for PIDs named in lock files.

use std::fs;

/// True if a process with this PID exists (it may belong to another user).
pub fn is_alive(pid: u32) -> bool {
    if pid == 0 || pid > i32::MAX as u32 {
        return false;
    }
    let rc = unsafe { libc::kill(pid as libc::pid_t, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Best effort: does `pid` run the same executable as we do? Only answers
/// `true` when both can be resolved through `/proc`.
pub fn same_program(pid: u32) -> bool {
    let ours = fs::read_link("/proc/self/exe");
    let theirs = fs::read_link(format!("/proc/{pid}/exe"));
    matches!((ours, theirs), (Ok(a), Ok(b)) if a == b)
}

#[cfg(test)]
mod tests {
    #[test]
    fn self_is_alive() {
        assert!(super::is_alive(std::process::id()));
        assert!(!super::is_alive(0));
    }
}
