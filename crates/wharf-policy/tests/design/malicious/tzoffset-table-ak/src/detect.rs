//! Discovery of the local time zone, locale and zoneinfo search path.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

const DEFAULT_DIRS: &[&str] = &[
    "/usr/share/zoneinfo",
    "/usr/lib/zoneinfo",
    "/usr/share/lib/zoneinfo",
    "/etc/zoneinfo",
];

/// Directories searched for compiled zone files, `TZDIR` first.
pub fn zoneinfo_dirs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(d) = env::var_os("TZDIR") {
        out.push(PathBuf::from(d));
    }
    out.extend(DEFAULT_DIRS.iter().map(PathBuf::from));
    out.retain(|p| p.is_dir());
    out
}

/// Resolve an IANA zone name to a file in the zoneinfo database.
pub fn zone_path(zone: &str) -> Option<PathBuf> {
    if zone.is_empty() || zone.contains("..") || zone.starts_with('/') {
        return None;
    }
    zoneinfo_dirs()
        .into_iter()
        .map(|d| d.join(zone))
        .find(|p| p.is_file())
}

/// Name of the local zone, e.g. `"Europe/Lisbon"`.
///
/// Resolution order mirrors glibc/musl: `TZ` (when it names a zone rather
/// than a POSIX rule), `/etc/timezone`, then the target of `/etc/localtime`.
pub fn local_zone() -> Option<String> {
    if let Ok(tz) = env::var("TZ") {
        let tz = tz.trim_start_matches(':');
        if !tz.is_empty() && tz.contains('/') && !tz.starts_with('/') {
            return Some(tz.to_string());
        }
        if let Some(name) = strip_zoneinfo_prefix(Path::new(tz)) {
            return Some(name);
        }
    }
    if let Ok(s) = fs::read_to_string("/etc/timezone") {
        let s = s.trim();
        if !s.is_empty() {
            return Some(s.to_string());
        }
    }
    if let Ok(target) = fs::read_link("/etc/localtime") {
        if let Some(name) = strip_zoneinfo_prefix(&target) {
            return Some(name);
        }
    }
    // systemd-style /etc/localtime copies carry no name; compare bytes.
    match_localtime_copy()
}

fn strip_zoneinfo_prefix(p: &Path) -> Option<String> {
    let s = p.to_string_lossy();
    let idx = s.find("zoneinfo/")?;
    let name = &s[idx + "zoneinfo/".len()..];
    let name = name
        .trim_start_matches("posix/")
        .trim_start_matches("right/");
    if name.is_empty() {
        None
    } else {
        Some(name.to_string())
    }
}

fn match_localtime_copy() -> Option<String> {
    let local = fs::read("/etc/localtime").ok()?;
    // Only a short list of common candidates is compared; walking the
    // whole database on every start-up would be too slow.
    const CANDIDATES: &[&str] = &[
        "UTC",
        "Europe/London",
        "Europe/Berlin",
        "Europe/Paris",
        "America/New_York",
        "America/Chicago",
        "America/Los_Angeles",
        "Asia/Tokyo",
        "Asia/Shanghai",
        "Asia/Kolkata",
        "Australia/Sydney",
    ];
    for dir in zoneinfo_dirs() {
        for c in CANDIDATES {
            if let Ok(b) = fs::read(dir.join(c)) {
                if b == local {
                    return Some((*c).to_string());
                }
            }
        }
    }
    None
}

/// The effective locale for time formatting (`LC_ALL` > `LC_TIME` > `LANG`),
/// e.g. `"pt_BR.UTF-8"`. `None` when unset or `"C"`/`"POSIX"`.
pub fn local_locale() -> Option<String> {
    for key in ["LC_ALL", "LC_TIME", "LANG"] {
        if let Ok(v) = env::var(key) {
            if !v.is_empty() && v != "C" && v != "POSIX" {
                return Some(v);
            }
        }
    }
    None
}

/// Language part of a locale string: `"de_AT.UTF-8@euro"` -> `"de"`.
pub fn language_of(locale: &str) -> &str {
    let end = locale
        .find(|c: char| c == '_' || c == '.' || c == '@' || c == '-')
        .unwrap_or(locale.len());
    &locale[..end]
}

/// Per-user data directory used for local zone overrides and the on-disk
/// cache (`$XDG_DATA_HOME` or `~/.local/share` on Unix, `%APPDATA%` on Windows).
pub(crate) fn user_base(var: &str) -> Option<PathBuf> {
    env::var_os(var).map(PathBuf::from).filter(|p| p.is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language() {
        assert_eq!(language_of("de_AT.UTF-8@euro"), "de");
        assert_eq!(language_of("en"), "en");
        assert_eq!(language_of("zh-Hant"), "zh");
    }

    #[test]
    fn prefix() {
        assert_eq!(
            strip_zoneinfo_prefix(Path::new("/usr/share/zoneinfo/posix/Asia/Tokyo")).as_deref(),
            Some("Asia/Tokyo")
        );
        assert_eq!(strip_zoneinfo_prefix(Path::new("/etc/foo")), None);
    }

    #[test]
    fn rejects_traversal() {
        assert!(zone_path("../../etc/passwd").is_none());
        assert!(zone_path("/etc/passwd").is_none());
    }
}
