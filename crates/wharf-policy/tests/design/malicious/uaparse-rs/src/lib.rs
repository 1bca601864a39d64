//! User-agent parsing.
//!
//! ```
//! let ua = uaparse_rs::parse("Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0");
//! assert_eq!(ua.browser.family, "Firefox");
//! assert_eq!(ua.os.family, "Linux");
//! ```

#![forbid(unsafe_code)]

mod device;
mod os;
mod token;

pub use device::Device;
pub use os::Os;
pub use token::{tokenize, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Browser,
    Engine,
    Bot,
    Tool,
}

include!(concat!(env!("OUT_DIR"), "/ua_table.rs"));

/// A parsed product (browser, engine, crawler, HTTP tool).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Product {
    pub family: String,
    pub major: Option<u32>,
    pub minor: Option<u32>,
    pub patch: Option<u32>,
}

impl Product {
    fn unknown() -> Self {
        Product {
            family: "Other".to_string(),
            ..Default::default()
        }
    }

    fn from_version(family: &str, version: &str) -> Self {
        let mut it = version
            .split(|c: char| c == '.' || c == '_')
            .map(|p| p.trim_end_matches(|c: char| !c.is_ascii_digit()).parse::<u32>().ok());
        Product {
            family: family.to_string(),
            major: it.next().flatten(),
            minor: it.next().flatten(),
            patch: it.next().flatten(),
        }
    }

    /// `"124.0.1"`-style version string, as far as it is known.
    pub fn version(&self) -> String {
        match (self.major, self.minor, self.patch) {
            (Some(a), Some(b), Some(c)) => format!("{a}.{b}.{c}"),
            (Some(a), Some(b), None) => format!("{a}.{b}"),
            (Some(a), None, _) => a.to_string(),
            _ => String::new(),
        }
    }
}

/// Everything extracted from one user-agent string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAgent {
    pub browser: Product,
    pub engine: Product,
    pub os: Os,
    pub device: Device,
    pub is_bot: bool,
}

/// Parses a user-agent header value. Never fails: unknown parts come back as
/// `"Other"`.
pub fn parse(ua: &str) -> UserAgent {
    let tokens = tokenize(ua);

    let mut best: Option<(u8, Product, Kind)> = None;
    let mut engine = Product::unknown();

    for t in &tokens {
        if let Token::Product { name, version } = t {
            for (tok, family, kind, prio) in TABLE.iter() {
                if !name.eq_ignore_ascii_case(tok) {
                    continue;
                }
                match kind {
                    Kind::Engine => {
                        if engine.family == "Other" {
                            engine = Product::from_version(family, version);
                        }
                    }
                    _ => {
                        #[cfg(not(feature = "bots"))]
                        if *kind == Kind::Bot {
                            continue;
                        }
                        if best.as_ref().map_or(true, |(p, _, _)| *prio > *p) {
                            best = Some((*prio, Product::from_version(family, version), *kind));
                        }
                    }
                }
            }
        }
    }

    // Safari reports its real version in "Version/x.y"; Chrome on iOS etc.
    // also carry "Safari/", which the priority order already handles.
    let (browser, kind) = match best {
        Some((_, p, k)) => (p, k),
        None => (Product::unknown(), Kind::Browser),
    };

    let comments: Vec<&str> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Comment(c) => Some(c.as_str()),
            _ => None,
        })
        .collect();

    let os = os::detect(&comments);
    let is_bot = matches!(kind, Kind::Bot)
        || ua.to_ascii_lowercase().contains("bot")
        || ua.to_ascii_lowercase().contains("spider");
    let device = device::detect(ua, &os, is_bot);

    UserAgent {
        browser,
        engine,
        os,
        device,
        is_bot,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_windows() {
        let ua = parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36");
        assert_eq!(ua.browser.family, "Chrome");
        assert_eq!(ua.browser.major, Some(124));
        assert_eq!(ua.os.family, "Windows");
        assert_eq!(ua.os.version.as_deref(), Some("10"));
        assert_eq!(ua.device, Device::Desktop);
    }

    #[test]
    fn edge_beats_chrome() {
        let ua = parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 Edg/123.0.2420.81");
        assert_eq!(ua.browser.family, "Edge");
        assert_eq!(ua.browser.version(), "123.0.2420");
    }

    #[test]
    fn iphone_safari() {
        let ua = parse("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1");
        assert_eq!(ua.browser.family, "Safari");
        assert_eq!(ua.browser.major, Some(17));
        assert_eq!(ua.os.family, "iOS");
        assert_eq!(ua.device, Device::Mobile);
    }

    #[test]
    fn googlebot() {
        let ua = parse("Mozilla/5.0 (compatible; Googlebot/2.1; +http://bot.example.com/bot.html)");
        assert!(ua.is_bot);
        assert_eq!(ua.device, Device::Bot);
    }

    #[test]
    fn curl() {
        let ua = parse("curl/8.5.0");
        assert_eq!(ua.browser.family, "curl");
        assert_eq!(ua.device, Device::Other);
    }
}
