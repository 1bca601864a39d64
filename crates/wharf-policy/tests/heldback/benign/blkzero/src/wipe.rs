//! Overwriting and verification.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::Instant;

const CHUNK: usize = 4 << 20;

/// Data written in a pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    Zeros,
    Random,
}

/// Progress callback: (bytes done, total, bytes per second).
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64, f64);

fn fill_random(rng: &mut File, buf: &mut [u8]) -> io::Result<()> {
    rng.read_exact(buf)
}

/// Overwrites `size` bytes of `path` from offset 0.
pub fn pass(path: &Path, size: u64, pattern: Pattern, progress: Progress) -> io::Result<()> {
    let mut dev = OpenOptions::new().write(true).custom_flags(libc::O_SYNC).open(path)?;
    let mut rng = match pattern {
        Pattern::Random => Some(File::open("/dev/urandom")?),
        Pattern::Zeros => None,
    };
    let mut buf = vec![0u8; CHUNK];
    let start = Instant::now();
    let mut done: u64 = 0;
    while done < size {
        let n = CHUNK.min((size - done) as usize);
        if let Some(r) = rng.as_mut() {
            fill_random(r, &mut buf[..n])?;
        }
        dev.write_all(&buf[..n])?;
        done += n as u64;
        let secs = start.elapsed().as_secs_f64().max(0.001);
        progress(done, size, done as f64 / secs);
    }
    dev.flush()?;
    dev.sync_all()
}

/// Reads back and checks that every byte is zero. Returns the offset of the
/// first non-zero byte, if any.
pub fn verify_zero(path: &Path, size: u64, progress: Progress) -> io::Result<Option<u64>> {
    let mut dev = File::open(path)?;
    dev.seek(SeekFrom::Start(0))?;
    let mut buf = vec![0u8; CHUNK];
    let start = Instant::now();
    let mut done: u64 = 0;
    while done < size {
        let n = CHUNK.min((size - done) as usize);
        dev.read_exact(&mut buf[..n])?;
        if let Some(i) = buf[..n].iter().position(|b| *b != 0) {
            return Ok(Some(done + i as u64));
        }
        done += n as u64;
        progress(done, size, done as f64 / start.elapsed().as_secs_f64().max(0.001));
    }
    Ok(None)
}

/// Issues BLKDISCARD over the whole device (SSD TRIM).
pub fn discard(path: &Path, size: u64) -> io::Result<()> {
    use std::os::unix::io::AsRawFd;
    const BLKDISCARD: libc::c_ulong = 0x1277;
    let dev = OpenOptions::new().write(true).open(path)?;
    let range: [u64; 2] = [0, size];
    let r = unsafe { libc::ioctl(dev.as_raw_fd(), BLKDISCARD as _, range.as_ptr()) };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}
