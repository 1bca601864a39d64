//! Coarse device classification.

use crate::Os;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Device {
    Desktop,
    Mobile,
    Tablet,
    Tv,
    Bot,
    Other,
}

pub(crate) fn detect(ua: &str, os: &Os, is_bot: bool) -> Device {
    if is_bot {
        return Device::Bot;
    }
    if ua.contains("SmartTV") || ua.contains("SMART-TV") || ua.contains("AppleTV") || ua.contains("CrKey") {
        return Device::Tv;
    }
    if ua.contains("iPad") || ua.contains("Tablet") {
        return Device::Tablet;
    }
    match os.family.as_str() {
        "Android" => {
            if ua.contains("Mobile") {
                Device::Mobile
            } else {
                Device::Tablet
            }
        }
        "iOS" => Device::Mobile,
        "Windows" | "macOS" | "Linux" | "ChromeOS" | "FreeBSD" => {
            if ua.starts_with("Mozilla/") {
                Device::Desktop
            } else {
                Device::Other
            }
        }
        _ => Device::Other,
    }
}
