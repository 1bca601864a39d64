//! Minidump writing (Linux only; other platforms write the JSON report only).

use std::path::Path;

#[cfg(target_os = "linux")]
pub(crate) fn write(path: &Path) -> std::io::Result<()> {
    use minidump_writer::minidump_writer::MinidumpWriter;
    let mut f = std::fs::File::create(path)?;
    let pid = std::process::id() as i32;
    // SAFETY: gettid has no preconditions.
    let tid = unsafe { libc_gettid() };
    MinidumpWriter::new(pid, tid)
        .dump(&mut f)
        .map(|_| ())
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::Other, e.to_string()))
}

#[cfg(target_os = "linux")]
unsafe fn libc_gettid() -> i32 {
    extern "C" {
        fn gettid() -> i32;
    }
    gettid()
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn write(_path: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(std::io::ErrorKind::Unsupported, "minidumps are only written on Linux"))
}
