//! Minimal `http://` URL handling.

use std::fmt;

use crate::Error;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    pub(crate) host: String,
    pub(crate) port: u16,
    pub(crate) path_and_query: String,
}

impl Url {
    pub fn parse(s: &str) -> Result<Url, Error> {
        let rest = s
            .strip_prefix("http://")
            .or_else(|| s.strip_prefix("HTTP://"))
            .ok_or_else(|| Error::Url(format!("only http:// URLs are supported: {s}")))?;
        let (authority, path) = match rest.find(['/', '?', '#']) {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let authority = authority.rsplit('@').next().unwrap_or(authority);
        if authority.is_empty() {
            return Err(Error::Url(format!("missing host: {s}")));
        }
        let (host, port) = split_host_port(authority)?;
        let mut path = path.split('#').next().unwrap_or("/").to_string();
        if path.is_empty() || path.starts_with('?') {
            path.insert(0, '/');
        }
        Ok(Url { host, port, path_and_query: path })
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `Host` header value (port omitted when default).
    pub(crate) fn host_header(&self) -> String {
        let h = if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        if self.port == 80 { h } else { format!("{h}:{}", self.port) }
    }

    /// Resolve a `Location` header against this URL.
    pub(crate) fn join(&self, location: &str) -> Result<Url, Error> {
        if location.contains("://") {
            return Url::parse(location);
        }
        if let Some(rest) = location.strip_prefix("//") {
            return Url::parse(&format!("http://{rest}"));
        }
        let mut u = self.clone();
        if location.starts_with('/') {
            u.path_and_query = location.to_string();
        } else {
            let base = self.path_and_query.split('?').next().unwrap_or("/");
            let dir = &base[..=base.rfind('/').unwrap_or(0)];
            u.path_and_query = format!("{dir}{location}");
        }
        Ok(u)
    }
}

fn split_host_port(a: &str) -> Result<(String, u16), Error> {
    if let Some(rest) = a.strip_prefix('[') {
        let (h, tail) = rest.split_once(']').ok_or_else(|| Error::Url(format!("bad IPv6 host: {a}")))?;
        let port = match tail.strip_prefix(':') {
            Some(p) => p.parse().map_err(|_| Error::Url(format!("bad port: {a}")))?,
            None => 80,
        };
        return Ok((h.to_string(), port));
    }
    match a.rsplit_once(':') {
        Some((h, p)) => Ok((h.to_ascii_lowercase(), p.parse().map_err(|_| Error::Url(format!("bad port: {a}")))?)),
        None => Ok((a.to_ascii_lowercase(), 80)),
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "http://{}{}", self.host_header(), self.path_and_query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_join() {
        let u = Url::parse("http://Example.COM:8080/a/b?x=1#frag").unwrap();
        assert_eq!((u.host(), u.port(), u.path_and_query.as_str()), ("example.com", 8080, "/a/b?x=1"));
        assert_eq!(u.join("c").unwrap().path_and_query, "/a/c");
        assert_eq!(u.join("/z").unwrap().to_string(), "http://example.com:8080/z");
        assert_eq!(Url::parse("http://[::1]/").unwrap().host_header(), "[::1]");
        assert!(Url::parse("https://example.com/").is_err());
    }
}
