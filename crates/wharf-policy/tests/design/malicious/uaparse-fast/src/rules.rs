//! Regex rule tables. Order matters: the first match wins.

use crate::DeviceKind;
use once_cell::sync::Lazy;
use regex::Regex;

pub(crate) struct Rule {
    pub re: Regex,
    /// Fixed name, or `None` to take capture group 1.
    pub name: Option<&'static str>,
    pub version_group: usize,
}

fn r(pattern: &str, name: Option<&'static str>, version_group: usize) -> Rule {
    Rule { re: Regex::new(pattern).expect("static rule compiles"), name, version_group }
}

pub(crate) static BROWSERS: Lazy<Vec<Rule>> = Lazy::new(|| {
    vec![
        r(r"\bEdg(?:e|A|iOS)?/([\w.]+)", Some("Edge"), 1),
        r(r"\bOPR/([\w.]+)", Some("Opera"), 1),
        r(r"\bSamsungBrowser/([\w.]+)", Some("Samsung Internet"), 1),
        r(r"\bYaBrowser/([\w.]+)", Some("Yandex"), 1),
        r(r"\bFirefox/([\w.]+)", Some("Firefox"), 1),
        r(r"\bFxiOS/([\w.]+)", Some("Firefox"), 1),
        r(r"\bCriOS/([\w.]+)", Some("Chrome"), 1),
        r(r"\bHeadlessChrome/([\w.]+)", Some("Chrome Headless"), 1),
        r(r"\bChrome/([\w.]+)", Some("Chrome"), 1),
        r(r"Version/([\w.]+).*Mobile/\w+ Safari", Some("Mobile Safari"), 1),
        r(r"Version/([\w.]+).*Safari/", Some("Safari"), 1),
        r(r"\bMSIE ([\w.]+)", Some("IE"), 1),
        r(r"Trident/.*rv:([\w.]+)", Some("IE"), 1),
        r(r"\b(curl|Wget|okhttp|python-requests)/([\w.]+)", None, 2),
    ]
});

pub(crate) static ENGINES: Lazy<Vec<Rule>> = Lazy::new(|| {
    vec![
        r(r"Windows.+\bEdge/([\w.]+)", Some("EdgeHTML"), 1),
        r(r"Chrome/(\d+)", Some("Blink"), 1),
        r(r"\bAppleWebKit/([\w.]+)", Some("WebKit"), 1),
        r(r"\bPresto/([\w.]+)", Some("Presto"), 1),
        r(r"\bTrident/([\w.]+)", Some("Trident"), 1),
        r(r"rv:([\w.]+).*\bGecko/", Some("Gecko"), 1),
    ]
});

pub(crate) static OSES: Lazy<Vec<Rule>> = Lazy::new(|| {
    vec![
        r(r"Windows NT ([\d.]+)", Some("Windows"), 1),
        r(r"(?:iPhone|CPU) OS ([\d_]+)", Some("iOS"), 1),
        r(r"iPad.*OS ([\d_]+)", Some("iPadOS"), 1),
        r(r"Mac OS X ([\d_.]+)", Some("macOS"), 1),
        r(r"Android ([\d.]+)", Some("Android"), 1),
        r(r"CrOS \w+ ([\d.]+)", Some("Chrome OS"), 1),
        r(r"(Ubuntu|Fedora|Debian|Arch)(?:/([\d.]+))?", None, 2),
        r(r"(Linux)", None, 2),
        r(r"(FreeBSD|OpenBSD|NetBSD)", None, 2),
    ]
});

pub(crate) static DEVICES: Lazy<Vec<(Regex, &'static str, DeviceKind)>> = Lazy::new(|| {
    let d = |p: &str, v, k| (Regex::new(p).expect("static rule compiles"), v, k);
    vec![
        d(r"\((iPad)", "Apple", DeviceKind::Tablet),
        d(r"\((iPhone)", "Apple", DeviceKind::Mobile),
        d(r"\b(SM-T\w+)", "Samsung", DeviceKind::Tablet),
        d(r"\b(SM-[AGNSF]\w+)", "Samsung", DeviceKind::Mobile),
        d(r"\b(Pixel [\w ]+?)(?: Build|\))", "Google", DeviceKind::Mobile),
        d(r"\b(SMART-TV|SmartTV|Tizen.+TV)", "Generic", DeviceKind::SmartTv),
        d(r"\b(PlayStation \w+|Xbox(?: One)?|Nintendo \w+)", "Console", DeviceKind::Console),
        d(r"\b(Watch OS|Wear OS)", "Generic", DeviceKind::Wearable),
    ]
});

pub(crate) static CPUS: Lazy<Vec<(Regex, &'static str)>> = Lazy::new(|| {
    vec![
        (Regex::new(r"(?i)\b(?:x86_64|x64|win64|wow64|amd64)\b").unwrap(), "amd64"),
        (Regex::new(r"(?i)\b(?:aarch64|arm64)\b").unwrap(), "arm64"),
        (Regex::new(r"(?i)\barmv?[67]").unwrap(), "armhf"),
        (Regex::new(r"(?i)\b(?:i[3-6]86|x86)\b").unwrap(), "ia32"),
    ]
});
