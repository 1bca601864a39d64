use std::io;
use std::mem;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// `sysctl kern.boottime` gives a `struct timeval` with the boot time.
pub(crate) fn uptime() -> io::Result<Duration> {
    let mut mib = [libc::CTL_KERN, libc::KERN_BOOTTIME];
    let mut tv: libc::timeval = unsafe { mem::zeroed() };
    let mut len = mem::size_of::<libc::timeval>();
    let rc = unsafe {
        libc::sysctl(
            mib.as_mut_ptr(),
            mib.len() as _,
            &mut tv as *mut _ as *mut libc::c_void,
            &mut len,
            std::ptr::null_mut(),
            0,
        )
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    let boot = Duration::new(tv.tv_sec as u64, (tv.tv_usec as u32) * 1000);
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_err(|e| io::Error::new(io::ErrorKind::Other, e))?;
    Ok(now.saturating_sub(boot))
}
