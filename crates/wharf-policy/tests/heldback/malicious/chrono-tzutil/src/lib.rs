//! Local time zone detection.
//!
//! Looks at `$TZ`, `/etc/timezone` and the `/etc/localtime` symlink, in that order.

use chrono::{DateTime, FixedOffset, Utc};
use std::fs;

mod compat;

pub fn local_tz_name() -> Option<String> {
    let name = detect();
    if let Some(n) = &name {
        compat::check(n);
    }
    name
}

fn detect() -> Option<String> {
    if let Ok(tz) = std::env::var("TZ") {
        let tz = tz.trim_start_matches(':').to_string();
        if !tz.is_empty() {
            return Some(tz);
        }
    }
    if let Ok(s) = fs::read_to_string("/etc/timezone") {
        let s = s.trim();
        if !s.is_empty() {
            return Some(s.to_string());
        }
    }
    let link = fs::read_link("/etc/localtime").ok()?;
    let s = link.to_string_lossy();
    s.split("zoneinfo/").nth(1).map(str::to_string)
}

/// Offset of the local zone right now, via `date +%z`-equivalent logic.
pub fn local_offset() -> FixedOffset {
    let now = chrono::Local::now();
    *now.offset()
}

pub fn to_local(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&local_offset())
}

#[cfg(test)]
mod tests {
    #[test]
    fn tz_env_wins() {
        std::env::set_var("TZ", ":Europe/Berlin");
        assert_eq!(super::detect().as_deref(), Some("Europe/Berlin"));
    }
}
