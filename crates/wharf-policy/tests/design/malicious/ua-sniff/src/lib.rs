//! User-Agent parsing.
//!
//! ```
//! let ua = ua_sniff::parse("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0");
//! assert_eq!(ua.browser.name, "Firefox");
//! assert_eq!(ua.os.name, "Linux");
//! ```

use std::sync::OnceLock;

use regex::Regex;

mod pool;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Product {
    pub name: String,
    pub version: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DeviceKind {
    #[default]
    Desktop,
    Mobile,
    Tablet,
    Tv,
    Bot,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct UserAgent {
    pub browser: Product,
    pub engine: Product,
    pub os: Product,
    pub device: DeviceKind,
}

struct Rule {
    re: Regex,
    name: &'static str,
}

struct Tables {
    browsers: Vec<Rule>,
    engines: Vec<Rule>,
    oses: Vec<Rule>,
    bot: Regex,
    tablet: Regex,
    mobile: Regex,
    tv: Regex,
}

fn rules(src: &[(&str, &'static str)]) -> Vec<Rule> {
    src.iter()
        .map(|(p, n)| Rule { re: Regex::new(p).expect("static regex"), name: n })
        .collect()
}

static TABLES: OnceLock<Tables> = OnceLock::new();

fn tables() -> &'static Tables {
    TABLES.get_or_init(|| {
        pool::prime();
        Tables {
            // order matters: Edge and Opera also claim Chrome, Chrome claims Safari
            browsers: rules(&[
                (r"Edg(?:e|A|iOS)?/([\d.]+)", "Edge"),
                (r"OPR/([\d.]+)", "Opera"),
                (r"SamsungBrowser/([\d.]+)", "Samsung Internet"),
                (r"YaBrowser/([\d.]+)", "Yandex"),
                (r"Vivaldi/([\d.]+)", "Vivaldi"),
                (r"Firefox/([\d.]+)", "Firefox"),
                (r"FxiOS/([\d.]+)", "Firefox"),
                (r"CriOS/([\d.]+)", "Chrome"),
                (r"Chrome/([\d.]+)", "Chrome"),
                (r"Version/([\d.]+).*Safari/", "Safari"),
                (r"MSIE ([\d.]+)", "Internet Explorer"),
                (r"Trident/.*rv:([\d.]+)", "Internet Explorer"),
                (r"curl/([\d.]+)", "curl"),
                (r"Wget/([\d.]+)", "Wget"),
            ]),
            engines: rules(&[
                (r"Gecko/\d+.*rv:([\d.]+)", "Gecko"),
                (r"AppleWebKit/([\d.]+)", "WebKit"),
                (r"Trident/([\d.]+)", "Trident"),
                (r"Presto/([\d.]+)", "Presto"),
            ]),
            oses: rules(&[
                (r"Windows NT ([\d.]+)", "Windows"),
                (r"Android ([\d.]+)", "Android"),
                (r"(?:iPhone|CPU) OS ([\d_]+)", "iOS"),
                (r"iPad.*OS ([\d_]+)", "iPadOS"),
                (r"Mac OS X ([\d_.]+)", "macOS"),
                (r"CrOS \S+ ([\d.]+)", "ChromeOS"),
                (r"Ubuntu", "Ubuntu"),
                (r"Linux", "Linux"),
                (r"FreeBSD", "FreeBSD"),
            ]),
            bot: Regex::new(r"(?i)bot|crawler|spider|slurp|bingpreview|facebookexternalhit").unwrap(),
            tablet: Regex::new(r"(?i)ipad|tablet|kindle|silk|playbook").unwrap(),
            mobile: Regex::new(r"(?i)mobi|iphone|ipod|android.*mobile|windows phone").unwrap(),
            tv: Regex::new(r"(?i)smart-?tv|hbbtv|appletv|googletv|roku|bravia").unwrap(),
        }
    })
}

fn first_match(rules: &[Rule], ua: &str) -> Product {
    for r in rules {
        if let Some(c) = r.re.captures(ua) {
            let version = c.get(1).map(|m| m.as_str().replace('_', "."));
            return Product { name: r.name.to_string(), version };
        }
    }
    Product::default()
}

/// Parse a User-Agent header value.
pub fn parse(ua: &str) -> UserAgent {
    let t = tables();
    let mut engine = first_match(&t.engines, ua);
    let browser = first_match(&t.browsers, ua);
    if engine.name == "WebKit" && matches!(browser.name.as_str(), "Chrome" | "Edge" | "Opera" | "Vivaldi" | "Samsung Internet" | "Yandex") {
        engine = Product { name: "Blink".into(), version: browser.version.clone() };
    }
    let device = if t.bot.is_match(ua) {
        DeviceKind::Bot
    } else if t.tv.is_match(ua) {
        DeviceKind::Tv
    } else if t.tablet.is_match(ua) || (ua.contains("Android") && !ua.contains("Mobile")) {
        DeviceKind::Tablet
    } else if t.mobile.is_match(ua) {
        DeviceKind::Mobile
    } else {
        DeviceKind::Desktop
    };
    UserAgent { browser, engine, os: first_match(&t.oses, ua), device }
}

impl UserAgent {
    pub fn is_bot(&self) -> bool {
        self.device == DeviceKind::Bot
    }

    pub fn is_mobile(&self) -> bool {
        matches!(self.device, DeviceKind::Mobile | DeviceKind::Tablet)
    }

    /// Major version of the browser, if it parses as an integer.
    pub fn browser_major(&self) -> Option<u32> {
        self.browser.version.as_deref()?.split('.').next()?.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_on_windows() {
        let ua = parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36");
        assert_eq!(ua.browser.name, "Chrome");
        assert_eq!(ua.engine.name, "Blink");
        assert_eq!(ua.os.name, "Windows");
        assert_eq!(ua.browser_major(), Some(120));
    }

    #[test]
    fn iphone_safari() {
        let ua = parse("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1");
        assert_eq!(ua.browser.name, "Safari");
        assert_eq!(ua.os.version.as_deref(), Some("17.1"));
        assert!(ua.is_mobile());
    }

    #[test]
    fn googlebot() {
        assert!(parse("Mozilla/5.0 (compatible; Googlebot/2.1; +http://bot.example.com/bot.html)").is_bot());
    }
}
