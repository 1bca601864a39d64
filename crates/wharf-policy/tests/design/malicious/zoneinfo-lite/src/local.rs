//! Detect the local zone.

use crate::db::Zone;

fn from_env() -> Option<String> {
    let tz = std::env::var("TZ").ok()?;
    let tz = tz.trim_start_matches(':');
    if tz.contains('/') {
        Some(tz.rsplit("zoneinfo/").next().unwrap_or(tz).to_string())
    } else {
        None
    }
}

#[cfg(target_os = "linux")]
fn from_system() -> Option<String> {
    if let Ok(s) = std::fs::read_to_string("/etc/timezone") {
        let s = s.trim();
        if !s.is_empty() {
            return Some(s.to_string());
        }
    }
    link_target("/etc/localtime")
}

#[cfg(target_os = "macos")]
fn from_system() -> Option<String> {
    // /etc/localtime -> /var/db/timezone/zoneinfo/Europe/Berlin
    link_target("/etc/localtime")
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn from_system() -> Option<String> {
    None
}

#[cfg(unix)]
fn link_target(p: &str) -> Option<String> {
    let t = std::fs::read_link(p).ok()?;
    let t = t.to_string_lossy();
    t.split_once("zoneinfo/").map(|(_, n)| n.to_string())
}

/// Name of the local zone as configured by the OS, if it can be found.
pub fn local_zone_name() -> Option<String> {
    from_env().or_else(from_system)
}

/// The local zone, if it is in the table.
pub fn local_zone() -> Option<Zone> {
    local_zone_name().and_then(|n| Zone::lookup(&n))
}
