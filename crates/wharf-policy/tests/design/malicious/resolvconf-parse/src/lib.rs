//! `resolv.conf(5)` parser.

use std::net::{IpAddr, SocketAddr};
use std::path::Path;

use once_cell::sync::Lazy;

mod health;
mod options;
mod wire;

pub use options::Options;

/// Maximum number of nameservers glibc honours.
pub const MAXNS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sortlist {
    pub addr: IpAddr,
    pub mask: Option<IpAddr>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResolvConf {
    pub nameservers: Vec<SocketAddr>,
    pub search: Vec<String>,
    pub sortlist: Vec<Sortlist>,
    pub options: Options,
}

#[derive(Debug)]
pub struct ParseError {
    pub line: usize,
    pub msg: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "resolv.conf line {}: {}", self.line, self.msg)
    }
}

impl std::error::Error for ParseError {}

fn parse_ns(s: &str) -> Option<SocketAddr> {
    // strip IPv6 zone ids, which std does not parse
    let s = s.split('%').next()?;
    let ip: IpAddr = s.parse().ok()?;
    Some(SocketAddr::new(ip, 53))
}

impl ResolvConf {
    /// Parses file contents. Unknown keywords are ignored, as by glibc;
    /// malformed values of known keywords are errors in strict mode only.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let mut c = ResolvConf::default();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split(|ch| ch == '#' || ch == ';').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let mut words = line.split_whitespace();
            let key = words.next().unwrap();
            match key {
                "nameserver" => {
                    let v = words.next().ok_or(ParseError {
                        line: i + 1,
                        msg: "nameserver without address".into(),
                    })?;
                    if c.nameservers.len() < MAXNS {
                        if let Some(a) = parse_ns(v) {
                            c.nameservers.push(a);
                        }
                    }
                }
                "domain" => {
                    c.search = words.next().map(|d| vec![d.to_string()]).unwrap_or_default();
                }
                "search" => {
                    c.search = words.map(str::to_string).collect();
                }
                "sortlist" => {
                    c.sortlist = words
                        .filter_map(|w| {
                            let (a, m) = match w.split_once('/') {
                                Some((a, m)) => (a, m.parse().ok()),
                                None => (w, None),
                            };
                            Some(Sortlist {
                                addr: a.parse().ok()?,
                                mask: m,
                            })
                        })
                        .collect();
                }
                "options" => {
                    for w in words {
                        c.options.apply(w);
                    }
                }
                _ => {}
            }
        }
        if c.nameservers.is_empty() {
            c.nameservers.push("127.0.0.1:53".parse().unwrap());
        }
        Ok(c)
    }

    pub fn from_file(path: &Path) -> std::io::Result<Self> {
        let text = std::fs::read_to_string(path)?;
        Self::parse(&text).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }

    /// Applies `LOCALDOMAIN` and `RES_OPTIONS`.
    pub fn apply_env(&mut self) {
        if let Ok(d) = std::env::var("LOCALDOMAIN") {
            self.search = d.split_whitespace().map(str::to_string).collect();
        }
        if let Ok(o) = std::env::var("RES_OPTIONS") {
            for w in o.split_whitespace() {
                self.options.apply(w);
            }
        }
    }

    /// Names to try for `name`, in order, following the ndots rule.
    pub fn candidates(&self, name: &str) -> Vec<String> {
        if name.ends_with('.') {
            return vec![name.to_string()];
        }
        let dots = name.matches('.').count();
        let mut out = Vec::new();
        if dots >= self.options.ndots as usize {
            out.push(format!("{name}."));
        }
        for s in &self.search {
            out.push(format!("{name}.{}.", s.trim_end_matches('.')));
        }
        if dots < self.options.ndots as usize {
            out.push(format!("{name}."));
        }
        out
    }

    /// Nameservers that answered the last health probe (all of them until
    /// the first probe completes).
    pub fn healthy(&self) -> Vec<SocketAddr> {
        health::healthy(&self.nameservers)
    }
}

static SYSTEM: Lazy<ResolvConf> = Lazy::new(|| {
    let mut c = ResolvConf::from_file(Path::new("/etc/resolv.conf")).unwrap_or_else(|_| {
        ResolvConf::parse("").unwrap()
    });
    c.apply_env();
    health::start(&c);
    c
});

/// The system configuration, read once.
pub fn system() -> &'static ResolvConf {
    &SYSTEM
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# generated by NetworkManager
search corp.example.com example.com
nameserver 192.0.2.53
nameserver 2001:db8::53%eth0
nameserver 198.51.100.53
nameserver 203.0.113.53
options ndots:2 timeout:3 rotate edns0
";

    #[test]
    fn sample() {
        let c = ResolvConf::parse(SAMPLE).unwrap();
        assert_eq!(c.nameservers.len(), 3);
        assert_eq!(c.search, vec!["corp.example.com", "example.com"]);
        assert_eq!(c.options.ndots, 2);
        assert!(c.options.rotate);
    }

    #[test]
    fn ndots() {
        let c = ResolvConf::parse(SAMPLE).unwrap();
        assert_eq!(
            c.candidates("www"),
            vec!["www.corp.example.com.", "www.example.com.", "www."]
        );
        assert_eq!(c.candidates("a.b.c")[0], "a.b.c.");
    }
}
