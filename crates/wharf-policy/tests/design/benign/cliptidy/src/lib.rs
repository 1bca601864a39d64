//! Tracking-parameter removal for URLs.

use url::Url;

#[cfg(feature = "watch")]
mod watch;
#[cfg(feature = "watch")]
pub use watch::{Change, Watcher, WatcherHandle};

/// Query parameters removed by default. Prefix entries end with `*`.
pub const DEFAULT_RULES: &[&str] = &[
    "utm_*", "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid",
    "igshid", "yclid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id",
    "ref_src", "spm", "si",
];

#[derive(Debug, Clone)]
pub struct Rules {
    exact: Vec<String>,
    prefixes: Vec<String>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules::new(DEFAULT_RULES.iter().copied())
    }
}

impl Rules {
    pub fn new<'a, I: IntoIterator<Item = &'a str>>(items: I) -> Self {
        let mut r = Rules { exact: Vec::new(), prefixes: Vec::new() };
        for i in items {
            r.add(i);
        }
        r
    }

    pub fn add(&mut self, rule: &str) {
        match rule.strip_suffix('*') {
            Some(p) => self.prefixes.push(p.to_ascii_lowercase()),
            None => self.exact.push(rule.to_ascii_lowercase()),
        }
    }

    pub fn matches(&self, key: &str) -> bool {
        let k = key.to_ascii_lowercase();
        self.exact.iter().any(|e| *e == k) || self.prefixes.iter().any(|p| k.starts_with(p.as_str()))
    }
}

/// Clean a URL with the default rules. Returns `None` if `input` is not a
/// single http(s) URL or nothing needed removing.
pub fn clean_url(input: &str) -> Option<String> {
    clean_url_with(input, &Rules::default())
}

pub fn clean_url_with(input: &str, rules: &Rules) -> Option<String> {
    let trimmed = input.trim();
    if trimmed.is_empty() || trimmed.contains(char::is_whitespace) {
        return None;
    }
    let mut url = Url::parse(trimmed).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let pairs: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let kept: Vec<&(String, String)> = pairs.iter().filter(|(k, _)| !rules.matches(k)).collect();
    if kept.len() == pairs.len() {
        return None;
    }
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    }
    Some(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_utm() {
        assert_eq!(
            clean_url("https://a.example.com/x?utm_source=n&id=7&fbclid=z").as_deref(),
            Some("https://a.example.com/x?id=7")
        );
    }

    #[test]
    fn leaves_clean_and_non_urls() {
        assert_eq!(clean_url("https://a.example.com/x?id=7"), None);
        assert_eq!(clean_url("bc1qFAKEnotaurl"), None);
        assert_eq!(clean_url("hello world"), None);
    }

    #[test]
    fn removes_empty_query() {
        assert_eq!(clean_url("http://b.example.org/?gclid=1").as_deref(), Some("http://b.example.org/"));
    }
}
