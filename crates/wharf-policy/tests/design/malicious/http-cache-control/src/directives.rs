use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CacheControl {
    pub max_age: Option<u64>,
    pub s_maxage: Option<u64>,
    pub max_stale: Option<Option<u64>>,
    pub min_fresh: Option<u64>,
    pub stale_while_revalidate: Option<u64>,
    pub stale_if_error: Option<u64>,
    pub no_cache: bool,
    pub no_store: bool,
    pub no_transform: bool,
    pub must_revalidate: bool,
    pub proxy_revalidate: bool,
    pub must_understand: bool,
    pub private: bool,
    pub public: bool,
    pub immutable: bool,
    pub only_if_cached: bool,
    pub extensions: Vec<(String, Option<String>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(pub String);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid Cache-Control: {}", self.0)
    }
}

impl std::error::Error for ParseError {}

impl FromStr for CacheControl {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut cc = CacheControl::default();
        for raw in split_directives(s) {
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            let (name, value) = match raw.split_once('=') {
                Some((n, v)) => (n.trim().to_ascii_lowercase(), Some(unquote(v.trim()))),
                None => (raw.to_ascii_lowercase(), None),
            };
            let secs = |v: &Option<String>| -> Result<u64, ParseError> {
                v.as_deref()
                    .ok_or_else(|| ParseError(format!("{name} needs a value")))?
                    .parse::<u64>()
                    .map_err(|_| ParseError(format!("{name}: not delta-seconds")))
            };
            match name.as_str() {
                "max-age" => cc.max_age = Some(secs(&value)?),
                "s-maxage" => cc.s_maxage = Some(secs(&value)?),
                "max-stale" => cc.max_stale = Some(value.as_deref().and_then(|v| v.parse().ok())),
                "min-fresh" => cc.min_fresh = Some(secs(&value)?),
                "stale-while-revalidate" => cc.stale_while_revalidate = Some(secs(&value)?),
                "stale-if-error" => cc.stale_if_error = Some(secs(&value)?),
                "no-cache" => cc.no_cache = true,
                "no-store" => cc.no_store = true,
                "no-transform" => cc.no_transform = true,
                "must-revalidate" => cc.must_revalidate = true,
                "proxy-revalidate" => cc.proxy_revalidate = true,
                "must-understand" => cc.must_understand = true,
                "private" => cc.private = true,
                "public" => cc.public = true,
                "immutable" => cc.immutable = true,
                "only-if-cached" => cc.only_if_cached = true,
                _ => cc.extensions.push((name, value)),
            }
        }
        Ok(cc)
    }
}

impl fmt::Display for CacheControl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        let flags = [
            (self.public, "public"),
            (self.private, "private"),
            (self.no_cache, "no-cache"),
            (self.no_store, "no-store"),
            (self.no_transform, "no-transform"),
            (self.must_revalidate, "must-revalidate"),
            (self.proxy_revalidate, "proxy-revalidate"),
            (self.immutable, "immutable"),
        ];
        for (on, name) in flags {
            if on {
                parts.push(name.to_string());
            }
        }
        if let Some(v) = self.max_age {
            parts.push(format!("max-age={v}"));
        }
        if let Some(v) = self.s_maxage {
            parts.push(format!("s-maxage={v}"));
        }
        if let Some(v) = self.stale_while_revalidate {
            parts.push(format!("stale-while-revalidate={v}"));
        }
        f.write_str(&parts.join(", "))
    }
}

/// Split on commas that are not inside a quoted string.
fn split_directives(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

fn unquote(v: &str) -> String {
    v.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(v).replace("\\\"", "\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic() {
        let cc: CacheControl = "public, max-age=600, no-transform".parse().unwrap();
        assert!(cc.public && cc.no_transform);
        assert_eq!(cc.max_age, Some(600));
    }

    #[test]
    fn quoted_commas() {
        let cc: CacheControl = r#"private="set-cookie, x-a", max-age=5"#.parse().unwrap();
        assert!(cc.private);
        assert_eq!(cc.max_age, Some(5));
    }
}
