//! `stratum+tcp://` URL parsing.

use std::fmt;
use std::str::FromStr;

/// Transport named in the URL scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// `stratum+tcp://`
    Tcp,
    /// `stratum+ssl://` or `stratum+tls://`
    Tls,
}

/// A pool endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolUrl {
    /// Transport.
    pub transport: Transport,
    /// Host name or address.
    pub host: String,
    /// Port.
    pub port: u16,
}

impl FromStr for PoolUrl {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (scheme, rest) = s.split_once("://").ok_or("missing scheme")?;
        let transport = match scheme.to_ascii_lowercase().as_str() {
            "stratum+tcp" | "stratum" | "tcp" => Transport::Tcp,
            "stratum+ssl" | "stratum+tls" | "ssl" | "tls" => Transport::Tls,
            other => return Err(format!("unsupported scheme {other}")),
        };
        let rest = rest.trim_end_matches('/');
        let (host, port) = if let Some(r) = rest.strip_prefix('[') {
            let (h, p) = r.split_once(']').ok_or("unterminated IPv6 literal")?;
            (h.to_string(), p.strip_prefix(':').ok_or("missing port")?)
        } else {
            let (h, p) = rest.rsplit_once(':').ok_or("missing port")?;
            (h.to_string(), p)
        };
        if host.is_empty() {
            return Err("empty host".into());
        }
        let port = port.parse().map_err(|_| format!("bad port {port:?}"))?;
        Ok(PoolUrl { transport, host, port })
    }
}

impl fmt::Display for PoolUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = match self.transport {
            Transport::Tcp => "stratum+tcp",
            Transport::Tls => "stratum+ssl",
        };
        if self.host.contains(':') {
            write!(f, "{scheme}://[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{scheme}://{}:{}", self.host, self.port)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse() {
        let u: PoolUrl = "stratum+tcp://pool.example.com:3333".parse().unwrap();
        assert_eq!(u, PoolUrl { transport: Transport::Tcp, host: "pool.example.com".into(), port: 3333 });
        let u: PoolUrl = "stratum+ssl://[::ffff:192.0.2.10]:443".parse().unwrap();
        assert_eq!(u.host, "::ffff:192.0.2.10");
        assert_eq!(u.to_string(), "stratum+ssl://[::ffff:192.0.2.10]:443");
        assert!("http://pool.example.com:80".parse::<PoolUrl>().is_err());
    }
}
