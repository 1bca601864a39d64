//! Mining-dashboard building blocks: a watch-only Stratum monitor, share
//! statistics and a caller-driven SHA-256d benchmark.

pub mod bench;
pub mod stats;
pub mod stratum;

use std::fmt;
use std::str::FromStr;

/// `stratum+tcp://host:port` (also accepts `stratum+ssl` for display, but
/// the monitor only speaks plain TCP).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolUrl {
    pub scheme: String,
    pub host: String,
    pub port: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlError(pub String);

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid pool URL: {}", self.0)
    }
}

impl std::error::Error for UrlError {}

impl FromStr for PoolUrl {
    type Err = UrlError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (scheme, rest) = s.split_once("://").ok_or_else(|| UrlError(s.into()))?;
        if !matches!(scheme, "stratum+tcp" | "stratum+ssl" | "stratum") {
            return Err(UrlError(format!("unsupported scheme {scheme}")));
        }
        let rest = rest.trim_end_matches('/');
        let (host, port) = rest.rsplit_once(':').ok_or_else(|| UrlError("missing port".into()))?;
        if host.is_empty() {
            return Err(UrlError("missing host".into()));
        }
        let port = port.parse().map_err(|_| UrlError(format!("bad port {port}")))?;
        Ok(PoolUrl { scheme: scheme.into(), host: host.into(), port })
    }
}

impl fmt::Display for PoolUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}:{}", self.scheme, self.host, self.port)
    }
}
