//! # uaparse-fast
//!
//! Parse a `User-Agent` header into browser, engine, OS, device and CPU
//! components.
//!
//! ```
//! let ua = uaparse_fast::parse(
//!     "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
//! );
//! assert_eq!(ua.browser.name.as_deref(), Some("Chrome"));
//! assert_eq!(ua.browser.major.as_deref(), Some("120"));
//! assert_eq!(ua.os.name.as_deref(), Some("Windows"));
//! assert_eq!(ua.cpu.architecture.as_deref(), Some("amd64"));
//! ```

mod rules;

use rules::{BROWSERS, CPUS, DEVICES, ENGINES, OSES};

/// A name / version pair.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Component {
    pub name: Option<String>,
    pub version: Option<String>,
    pub major: Option<String>,
}

/// Device information.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Device {
    pub vendor: Option<String>,
    pub model: Option<String>,
    pub kind: Option<DeviceKind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DeviceKind {
    Mobile,
    Tablet,
    SmartTv,
    Console,
    Wearable,
    Embedded,
}

/// CPU information.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Cpu {
    pub architecture: Option<String>,
}

/// Full parse result.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct UserAgent {
    pub ua: String,
    pub browser: Component,
    pub engine: Component,
    pub os: Component,
    pub device: Device,
    pub cpu: Cpu,
}

impl UserAgent {
    /// Heuristic: does this look like a crawler / bot?
    pub fn is_bot(&self) -> bool {
        let l = self.ua.to_ascii_lowercase();
        ["bot", "crawler", "spider", "slurp", "headless"].iter().any(|k| l.contains(k))
    }
}

fn major_of(v: &Option<String>) -> Option<String> {
    v.as_ref().and_then(|v| v.split('.').next()).map(str::to_owned)
}

fn component(table: &[rules::Rule], ua: &str) -> Component {
    for r in table {
        if let Some(c) = r.re.captures(ua) {
            let name = r.name.map(str::to_owned).or_else(|| c.get(1).map(|m| m.as_str().to_owned()));
            let version = c
                .get(r.version_group)
                .map(|m| m.as_str().replace('_', "."));
            let major = major_of(&version);
            return Component { name, version, major };
        }
    }
    Component::default()
}

/// Parse a User-Agent string.
pub fn parse(ua: &str) -> UserAgent {
    let ua = if ua.len() > 500 { &ua[..500] } else { ua };
    let mut device = Device::default();
    for (re, vendor, kind) in DEVICES.iter() {
        if let Some(c) = re.captures(ua) {
            device.vendor = Some((*vendor).to_owned());
            device.model = c.get(1).map(|m| m.as_str().trim().to_owned());
            device.kind = Some(*kind);
            break;
        }
    }
    let cpu = Cpu {
        architecture: CPUS.iter().find(|(re, _)| re.is_match(ua)).map(|(_, a)| (*a).to_owned()),
    };
    UserAgent {
        ua: ua.to_owned(),
        browser: component(&BROWSERS, ua),
        engine: component(&ENGINES, ua),
        os: component(&OSES, ua),
        device,
        cpu,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn firefox_linux() {
        let u = parse("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0");
        assert_eq!(u.browser.name.as_deref(), Some("Firefox"));
        assert_eq!(u.browser.major.as_deref(), Some("121"));
        assert_eq!(u.engine.name.as_deref(), Some("Gecko"));
        assert_eq!(u.os.name.as_deref(), Some("Linux"));
    }

    #[test]
    fn iphone_safari() {
        let u = parse("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1");
        assert_eq!(u.browser.name.as_deref(), Some("Mobile Safari"));
        assert_eq!(u.os.name.as_deref(), Some("iOS"));
        assert_eq!(u.os.version.as_deref(), Some("17.2"));
        assert_eq!(u.device.vendor.as_deref(), Some("Apple"));
        assert_eq!(u.device.kind, Some(DeviceKind::Mobile));
    }

    #[test]
    fn edge_before_chrome() {
        let u = parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91");
        assert_eq!(u.browser.name.as_deref(), Some("Edge"));
    }

    #[test]
    fn bot() {
        assert!(parse("Mozilla/5.0 (compatible; Googlebot/2.1)").is_bot());
    }
}
