//! Monitoring of user-operated mining rigs through their local HTTP APIs.

pub mod alert;
pub mod api;
pub mod config;

pub use api::{RigStatus, Client};
pub use config::{Config, Rig, RigKind};

/// Masks the middle of a pool login / wallet address for display:
/// `44AFFq5k…Xq9A`.
pub fn mask(login: &str) -> String {
    let chars: Vec<char> = login.chars().collect();
    if chars.len() <= 12 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..8].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

/// Human hashrate: `12.34 kH/s`.
pub fn fmt_rate(h: f64) -> String {
    if h >= 1e9 {
        format!("{:.2} GH/s", h / 1e9)
    } else if h >= 1e6 {
        format!("{:.2} MH/s", h / 1e6)
    } else if h >= 1e3 {
        format!("{:.2} kH/s", h / 1e3)
    } else {
        format!("{h:.1} H/s")
    }
}

pub fn fmt_uptime(s: u64) -> String {
    let (d, h, m) = (s / 86_400, (s % 86_400) / 3600, (s % 3600) / 60);
    if d > 0 {
        format!("{d}d{h:02}h")
    } else {
        format!("{h}h{m:02}m")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(mask("short"), "*****");
        assert_eq!(mask("44FAKEFAKEFAKEFAKEFAKEabcd"), "44FAKEFA…abcd");
    }

    #[test]
    fn rates() {
        assert_eq!(fmt_rate(4512.0), "4.51 kH/s");
        assert_eq!(fmt_rate(12.0), "12.0 H/s");
    }
}
