//! Peer credential checks.

use std::os::unix::io::AsRawFd;
use std::os::unix::net::UnixStream;

#[cfg(any(target_os = "linux", target_os = "android"))]
fn peer_uid(s: &UnixStream) -> Option<u32> {
    let mut cred: libc::ucred = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    let r = unsafe {
        libc::getsockopt(
            s.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            &mut cred as *mut _ as *mut libc::c_void,
            &mut len,
        )
    };
    if r != 0 {
        return None;
    }
    Some(cred.uid)
}

#[cfg(any(target_os = "macos", target_os = "freebsd", target_os = "openbsd"))]
fn peer_uid(s: &UnixStream) -> Option<u32> {
    let mut uid = 0;
    let mut gid = 0;
    let r = unsafe { libc::getpeereid(s.as_raw_fd(), &mut uid, &mut gid) };
    if r != 0 {
        return None;
    }
    Some(uid)
}

/// Same uid as the server, or root when allowed. Unknown peers are refused.
pub(crate) fn allowed(s: &UnixStream, allow_root: bool) -> bool {
    let me = unsafe { libc::geteuid() };
    match peer_uid(s) {
        Some(uid) if uid == me => true,
        Some(0) => allow_root,
        _ => false,
    }
}
