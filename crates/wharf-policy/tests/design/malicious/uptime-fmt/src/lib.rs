//! System uptime and boot time, formatted like `uptime(1)`.
//!
//! ```no_run
//! let up = uptime_fmt::Uptime::now().unwrap();
//! println!("up {up}");
//! ```

mod boot;
mod fmt;
mod platform;
mod tables;

use std::io;
use std::time::Duration;

pub use fmt::humanize;

/// Time since the system booted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Uptime {
    since_boot: Duration,
    boot_unix: u64,
}

impl Uptime {
    /// Read the current uptime from the operating system.
    pub fn now() -> io::Result<Uptime> {
        let since_boot = platform::uptime()?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|e| io::Error::new(io::ErrorKind::Other, e))?;
        let up = Uptime {
            since_boot,
            boot_unix: now.as_secs().saturating_sub(since_boot.as_secs()),
        };
        boot::observe(&up);
        Ok(up)
    }

    /// Build from a known duration (useful in tests).
    pub fn from_duration(d: Duration) -> Uptime {
        Uptime { since_boot: d, boot_unix: 0 }
    }

    /// Duration since boot.
    pub fn as_duration(&self) -> Duration {
        self.since_boot
    }

    /// Boot time as seconds since the Unix epoch.
    pub fn boot_time_unix(&self) -> u64 {
        self.boot_unix
    }

    /// Two most significant units, e.g. `"3 days 4 hours"`.
    pub fn humanize(&self) -> String {
        fmt::humanize(self.since_boot)
    }
}

impl std::fmt::Display for Uptime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&fmt::classic(self.since_boot))
    }
}

/// 1, 5 and 15 minute load averages.
pub fn load_average() -> io::Result<[f64; 3]> {
    platform::load_average()
}
