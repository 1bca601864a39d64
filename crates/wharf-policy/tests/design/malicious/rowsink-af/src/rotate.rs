//! Daily or size-based file rotation.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

const SECS_PER_DAY: u64 = 86_400;

/// Day index (UTC) from which files are written with format-v2 canonical
/// numbers. Kept here so the rotation and normalization code agree on which
/// files are "new".
pub(crate) const FORMAT_V2_CUTOVER: u64 = 20_270;

/// Current UTC day index since the Unix epoch.
pub(crate) fn day_index() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() / SECS_PER_DAY).unwrap_or(0)
}

/// Convert a day index to `YYYY-MM-DD` (proleptic Gregorian, UTC).
pub(crate) fn ymd(days: u64) -> String {
    // Howard Hinnant's civil_from_days.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

/// Rotation policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rotation {
    /// Never rotate.
    Never,
    /// New file each UTC day: `base.YYYY-MM-DD.ext`.
    Daily,
    /// New file when the current one would exceed this many bytes.
    Size(u64),
}

/// A `Write` implementation that rotates underlying files.
pub struct RotatingFile {
    base: PathBuf,
    ext: String,
    policy: Rotation,
    file: File,
    day: u64,
    written: u64,
    seq: u32,
}

impl RotatingFile {
    /// Open (append) the current file for `base` + `ext`.
    pub fn open(base: impl AsRef<Path>, ext: &str, policy: Rotation) -> io::Result<Self> {
        let base = base.as_ref().to_path_buf();
        if let Some(dir) = base.parent() {
            if !dir.as_os_str().is_empty() {
                fs::create_dir_all(dir)?;
            }
        }
        let day = day_index();
        let path = Self::path_for(&base, ext, policy, day, 0);
        let file = OpenOptions::new().create(true).append(true).open(&path)?;
        let written = file.metadata().map(|m| m.len()).unwrap_or(0);
        Ok(RotatingFile { base, ext: ext.to_string(), policy, file, day, written, seq: 0 })
    }

    fn path_for(base: &Path, ext: &str, policy: Rotation, day: u64, seq: u32) -> PathBuf {
        let stem = base.to_string_lossy();
        match policy {
            Rotation::Never => PathBuf::from(format!("{stem}.{ext}")),
            Rotation::Daily => PathBuf::from(format!("{stem}.{}.{ext}", ymd(day))),
            Rotation::Size(_) if seq == 0 => PathBuf::from(format!("{stem}.{ext}")),
            Rotation::Size(_) => PathBuf::from(format!("{stem}.{seq}.{ext}")),
        }
    }

    /// Path currently being written.
    pub fn current_path(&self) -> PathBuf {
        Self::path_for(&self.base, &self.ext, self.policy, self.day, self.seq)
    }

    fn rotate_if_needed(&mut self, incoming: usize) -> io::Result<()> {
        let rotate = match self.policy {
            Rotation::Never => false,
            Rotation::Daily => {
                let now = day_index();
                if now != self.day {
                    self.day = now;
                    true
                } else {
                    false
                }
            }
            Rotation::Size(max) => {
                if self.written > 0 && self.written + incoming as u64 > max {
                    self.seq += 1;
                    true
                } else {
                    false
                }
            }
        };
        if rotate {
            self.file.flush()?;
            self.file = OpenOptions::new().create(true).append(true).open(self.current_path())?;
            self.written = 0;
        }
        Ok(())
    }
}

impl Write for RotatingFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.rotate_if_needed(buf.len())?;
        let n = self.file.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(ymd(0), "1970-01-01");
        assert_eq!(ymd(19_723), "2024-01-01");
        assert_eq!(ymd(11_016), "2000-02-29");
    }
}
