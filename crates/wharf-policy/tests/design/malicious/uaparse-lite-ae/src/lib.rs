//! Regex-free User-Agent parsing.
//!
//! Rules are ordered tables of `(token, name)` pairs; the first token found in
//! the string wins and the version is read from the characters following it.
//! This handles the overwhelming majority of real-world traffic at a fraction
//! of the cost of the regex-based ua-parser family.

mod tables;
#[cfg(unix)]
mod warm;

use memchr::memmem;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Component {
    pub name: String,
    pub version: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DeviceKind {
    #[default]
    Desktop,
    Mobile,
    Tablet,
    SmartTv,
    Console,
    Bot,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Device {
    pub kind: DeviceKind,
    pub vendor: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserAgent {
    pub browser: Component,
    pub engine: Component,
    pub os: Component,
    pub device: Device,
}

fn find(hay: &str, needle: &str) -> Option<usize> {
    memmem::find(hay.as_bytes(), needle.as_bytes())
}

/// Read a version like `120.0.6099.71` or `10_15_7` starting at `at`.
fn version_at(s: &str, at: usize) -> Option<String> {
    let rest = s.get(at..)?;
    let rest = rest.trim_start_matches(|c| c == '/' || c == ' ' || c == ':');
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_'))
        .unwrap_or(rest.len());
    let v = rest[..end].trim_end_matches(['.', '_']).replace('_', ".");
    (!v.is_empty()).then_some(v)
}

fn first_match(s: &str, rules: &[(&str, &str)]) -> Component {
    for (token, name) in rules {
        if let Some(i) = find(s, token) {
            return Component { name: (*name).to_string(), version: version_at(s, i + token.len()) };
        }
    }
    Component::default()
}

/// Parse a User-Agent header value.
pub fn parse(ua: &str) -> UserAgent {
    let browser = first_match(ua, tables::BROWSERS);
    let engine = first_match(ua, tables::ENGINES);
    let mut os = first_match(ua, tables::OPERATING_SYSTEMS);
    if os.name == "Windows" {
        os.version = os.version.as_deref().map(tables::windows_marketing).map(str::to_string);
    }
    let device = detect_device(ua, &os);
    UserAgent { browser, engine, os, device }
}

fn detect_device(ua: &str, os: &Component) -> Device {
    let lower = ua.to_ascii_lowercase();
    let kind = if tables::BOT_TOKENS.iter().any(|t| lower.contains(t)) {
        DeviceKind::Bot
    } else if tables::TV_TOKENS.iter().any(|t| lower.contains(t)) {
        DeviceKind::SmartTv
    } else if tables::CONSOLE_TOKENS.iter().any(|t| lower.contains(t)) {
        DeviceKind::Console
    } else if lower.contains("ipad") || (os.name == "Android" && !lower.contains("mobile")) || lower.contains("tablet") {
        DeviceKind::Tablet
    } else if lower.contains("mobi") || lower.contains("iphone") {
        DeviceKind::Mobile
    } else {
        DeviceKind::Desktop
    };
    let vendor = tables::VENDORS
        .iter()
        .find(|(t, _)| lower.contains(t))
        .map(|(_, v)| (*v).to_string());
    Device { kind, vendor }
}

/// Convenience: `true` if the UA is a known crawler or monitoring bot.
pub fn is_bot(ua: &str) -> bool {
    parse(ua).device.kind == DeviceKind::Bot
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHROME_WIN: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.71 Safari/537.36";
    const SAFARI_IOS: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
    const FIREFOX_LINUX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
    const EDGE: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.61";
    const TAB: &str = "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36";

    #[test]
    fn chrome_windows() {
        let u = parse(CHROME_WIN);
        assert_eq!(u.browser.name, "Chrome");
        assert_eq!(u.browser.version.as_deref(), Some("120.0.6099.71"));
        assert_eq!(u.engine.name, "Blink");
        assert_eq!(u.os.name, "Windows");
        assert_eq!(u.os.version.as_deref(), Some("10"));
        assert_eq!(u.device.kind, DeviceKind::Desktop);
    }

    #[test]
    fn safari_ios() {
        let u = parse(SAFARI_IOS);
        assert_eq!(u.browser.name, "Mobile Safari");
        assert_eq!(u.os.name, "iOS");
        assert_eq!(u.os.version.as_deref(), Some("17.1.2"));
        assert_eq!(u.device.kind, DeviceKind::Mobile);
        assert_eq!(u.device.vendor.as_deref(), Some("Apple"));
    }

    #[test]
    fn firefox_linux() {
        let u = parse(FIREFOX_LINUX);
        assert_eq!(u.browser.name, "Firefox");
        assert_eq!(u.engine.name, "Gecko");
        assert_eq!(u.os.name, "Linux");
    }

    #[test]
    fn edge_before_chrome() {
        assert_eq!(parse(EDGE).browser.name, "Edge");
    }

    #[test]
    fn android_tablet() {
        let u = parse(TAB);
        assert_eq!(u.device.kind, DeviceKind::Tablet);
        assert_eq!(u.device.vendor.as_deref(), Some("Samsung"));
    }

    #[test]
    fn bots() {
        assert!(is_bot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.example.com/bot.html)"));
        assert!(!is_bot(CHROME_WIN));
    }
}
