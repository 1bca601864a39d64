//! `[user@]host[:port]` parsing.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostSpec {
    pub user: Option<String>,
    pub host: String,
    pub port: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostParseError(pub String);

impl fmt::Display for HostParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid host spec: {}", self.0)
    }
}

impl std::error::Error for HostParseError {}

fn valid_host(h: &str) -> bool {
    !h.is_empty()
        && !h.starts_with('-')
        && h.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'))
}

fn valid_user(u: &str) -> bool {
    !u.is_empty() && !u.starts_with('-') && u.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

impl FromStr for HostSpec {
    type Err = HostParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (user, rest) = match s.rsplit_once('@') {
            Some((u, r)) => (Some(u.to_string()), r),
            None => (None, s),
        };
        if let Some(u) = &user {
            if !valid_user(u) {
                return Err(HostParseError(s.into()));
            }
        }
        // [v6]:port, v6, host:port, host
        let (host, port) = if let Some(r) = rest.strip_prefix('[') {
            let (h, tail) = r.split_once(']').ok_or_else(|| HostParseError(s.into()))?;
            let port = match tail.strip_prefix(':') {
                Some(p) => Some(p.parse().map_err(|_| HostParseError(s.into()))?),
                None if tail.is_empty() => None,
                None => return Err(HostParseError(s.into())),
            };
            (h.to_string(), port)
        } else if rest.matches(':').count() == 1 {
            let (h, p) = rest.split_once(':').unwrap();
            (h.to_string(), Some(p.parse().map_err(|_| HostParseError(s.into()))?))
        } else {
            (rest.to_string(), None)
        };
        if !valid_host(&host) {
            return Err(HostParseError(s.into()));
        }
        Ok(HostSpec { user, host, port })
    }
}

impl fmt::Display for HostSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(u) = &self.user {
            write!(f, "{u}@")?;
        }
        if self.host.contains(':') {
            write!(f, "[{}]", self.host)?;
        } else {
            f.write_str(&self.host)?;
        }
        if let Some(p) = self.port {
            write!(f, ":{p}")?;
        }
        Ok(())
    }
}

impl HostSpec {
    /// The destination argument for ssh (`user@host`).
    pub(crate) fn destination(&self) -> String {
        match &self.user {
            Some(u) => format!("{}@{}", u, self.host),
            None => self.host.clone(),
        }
    }
}

/// Parse a hosts file: one spec per line, `#` comments, blank lines ignored.
pub fn parse_hosts_file(text: &str) -> Result<Vec<HostSpec>, HostParseError> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::parse)
        .collect()
}
