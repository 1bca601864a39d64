//! System time zone detection and localized display names.

use std::fs;

/// IANA name of the system time zone, if it can be determined.
pub fn system_zone() -> Option<String> {
    if let Ok(tz) = std::env::var("TZ") {
        let tz = tz.trim_start_matches(':');
        if !tz.is_empty() {
            return Some(tz.to_string());
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

/// Two-letter UI language from the POSIX locale variables ("en" by default).
pub fn system_language() -> String {
    for k in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(k) {
            if v.len() >= 2 && v != "C" && v != "POSIX" {
                return v[..2].to_ascii_lowercase();
            }
        }
    }
    "en".into()
}

struct Zone {
    id: &'static str,
    offset_min: i32,
    names: &'static [(&'static str, &'static str)],
}

const ZONES: &[Zone] = &[
    Zone { id: "UTC", offset_min: 0, names: &[("en", "Coordinated Universal Time"), ("de", "Koordinierte Weltzeit")] },
    Zone { id: "Europe/London", offset_min: 0, names: &[("en", "London"), ("de", "London"), ("fr", "Londres")] },
    Zone { id: "Europe/Berlin", offset_min: 60, names: &[("en", "Berlin"), ("de", "Berlin"), ("ru", "Берлин")] },
    Zone { id: "Europe/Kyiv", offset_min: 120, names: &[("en", "Kyiv"), ("uk", "Київ"), ("ru", "Киев"), ("de", "Kiew")] },
    Zone { id: "Europe/Minsk", offset_min: 180, names: &[("en", "Minsk"), ("be", "Мінск"), ("ru", "Минск")] },
    Zone { id: "Europe/Moscow", offset_min: 180, names: &[("en", "Moscow"), ("ru", "Москва"), ("de", "Moskau"), ("fr", "Moscou")] },
    Zone { id: "Asia/Tokyo", offset_min: 540, names: &[("en", "Tokyo"), ("ja", "東京")] },
    Zone { id: "America/New_York", offset_min: -300, names: &[("en", "New York"), ("es", "Nueva York")] },
];

/// Standard-time UTC offset in minutes for a known zone.
pub fn standard_offset(id: &str) -> Option<i32> {
    ZONES.iter().find(|z| z.id == id).map(|z| z.offset_min)
}

pub fn format_offset(min: i32) -> String {
    let sign = if min < 0 { '-' } else { '+' };
    let m = min.abs();
    if m % 60 == 0 {
        format!("UTC{sign}{}", m / 60)
    } else {
        format!("UTC{sign}{}:{:02}", m / 60, m % 60)
    }
}

/// "City (UTC±h)" in the requested language, falling back to English, then the id.
pub fn display_name(id: &str, lang: &str) -> String {
    match ZONES.iter().find(|z| z.id == id) {
        Some(z) => {
            let name = z
                .names
                .iter()
                .find(|(l, _)| *l == lang)
                .or_else(|| z.names.iter().find(|(l, _)| *l == "en"))
                .map(|(_, n)| *n)
                .unwrap_or(z.id);
            if z.offset_min == 0 && z.id == "UTC" {
                name.to_string()
            } else {
                format!("{name} ({})", format_offset(z.offset_min))
            }
        }
        None => id.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn names() {
        assert_eq!(display_name("Europe/Moscow", "ru"), "Москва (UTC+3)");
        assert_eq!(display_name("Europe/Minsk", "be"), "Мінск (UTC+3)");
        assert_eq!(display_name("Asia/Tokyo", "xx"), "Tokyo (UTC+9)");
        assert_eq!(format_offset(-210), "UTC-3:30");
    }
}
