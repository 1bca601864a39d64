//! Datagram transport for `NOTIFY_SOCKET`.

use std::ffi::OsStr;
use std::io;

#[cfg(unix)]
pub(crate) fn send(addr: &OsStr, msg: &[u8]) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::net::UnixDatagram;

    let bytes = addr.as_bytes();
    if bytes.is_empty() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "empty NOTIFY_SOCKET"));
    }
    let sock = UnixDatagram::unbound()?;
    match bytes[0] {
        b'/' => {
            let n = sock.send_to(msg, addr)?;
            check_len(n, msg.len())
        }
        b'@' => send_abstract(&sock, &bytes[1..], msg),
        _ => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "NOTIFY_SOCKET must be an absolute path or an abstract name",
        )),
    }
}

#[cfg(all(unix, any(target_os = "linux", target_os = "android")))]
fn send_abstract(sock: &std::os::unix::net::UnixDatagram, name: &[u8], msg: &[u8]) -> io::Result<()> {
    #[cfg(target_os = "android")]
    use std::os::android::net::SocketAddrExt;
    #[cfg(target_os = "linux")]
    use std::os::linux::net::SocketAddrExt;
    let sa = std::os::unix::net::SocketAddr::from_abstract_name(name)?;
    let n = sock.send_to_addr(msg, &sa)?;
    check_len(n, msg.len())
}

#[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
fn send_abstract(_sock: &std::os::unix::net::UnixDatagram, _name: &[u8], _msg: &[u8]) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "abstract sockets are Linux-only"))
}

#[cfg(unix)]
fn check_len(sent: usize, want: usize) -> io::Result<()> {
    if sent == want {
        Ok(())
    } else {
        Err(io::Error::new(io::ErrorKind::WriteZero, "short write to NOTIFY_SOCKET"))
    }
}

#[cfg(not(unix))]
pub(crate) fn send(_addr: &OsStr, _msg: &[u8]) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "sd_notify requires a Unix platform"))
}
