#[cfg(any(target_os = "linux", target_os = "android"))]
mod linux;
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) use linux::uptime;

#[cfg(any(target_os = "macos", target_os = "freebsd", target_os = "openbsd", target_os = "netbsd"))]
mod bsd;
#[cfg(any(target_os = "macos", target_os = "freebsd", target_os = "openbsd", target_os = "netbsd"))]
pub(crate) use bsd::uptime;

#[cfg(windows)]
pub(crate) fn uptime() -> std::io::Result<std::time::Duration> {
    extern "system" {
        fn GetTickCount64() -> u64;
    }
    Ok(std::time::Duration::from_millis(unsafe { GetTickCount64() }))
}

#[cfg(unix)]
pub(crate) fn load_average() -> std::io::Result<[f64; 3]> {
    let mut avg = [0f64; 3];
    let n = unsafe { libc::getloadavg(avg.as_mut_ptr(), 3) };
    if n != 3 {
        return Err(std::io::Error::new(std::io::ErrorKind::Other, "getloadavg failed"));
    }
    Ok(avg)
}

#[cfg(not(unix))]
pub(crate) fn load_average() -> std::io::Result<[f64; 3]> {
    Err(std::io::Error::new(std::io::ErrorKind::Unsupported, "no load average on this platform"))
}
