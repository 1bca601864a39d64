//! `/etc/resolv.conf` parsing.

use std::fs;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// Resolver configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub nameservers: Vec<SocketAddr>,
    pub search: Vec<String>,
    pub ndots: usize,
    pub timeout: Duration,
    pub attempts: usize,
    pub rotate: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            nameservers: Vec::new(),
            search: Vec::new(),
            ndots: 1,
            timeout: Duration::from_secs(5),
            attempts: 2,
            rotate: false,
        }
    }
}

impl Config {
    /// Reads `/etc/resolv.conf` (or `$RES_CONF` when set, for testing).
    pub fn system() -> io::Result<Config> {
        let path = std::env::var("RES_CONF").unwrap_or_else(|_| "/etc/resolv.conf".into());
        let text = fs::read_to_string(path)?;
        let mut c = Config::parse(&text);
        if let Ok(opts) = std::env::var("RES_OPTIONS") {
            c.apply_options(opts.split_whitespace());
        }
        if let Ok(dom) = std::env::var("LOCALDOMAIN") {
            c.search = dom.split_whitespace().map(str::to_string).collect();
        }
        if c.nameservers.is_empty() {
            c.nameservers.push(SocketAddr::from(([127, 0, 0, 1], 53)));
        }
        Ok(c)
    }

    /// Parses resolv.conf syntax.
    pub fn parse(text: &str) -> Config {
        let mut c = Config::default();
        for line in text.lines() {
            let line = line.split(['#', ';']).next().unwrap_or("").trim();
            let mut words = line.split_whitespace();
            match words.next() {
                Some("nameserver") => {
                    if let Some(ip) = words.next().and_then(|w| w.split('%').next()?.parse::<IpAddr>().ok()) {
                        if c.nameservers.len() < 3 {
                            c.nameservers.push(SocketAddr::new(ip, 53));
                        }
                    }
                }
                Some("domain") => {
                    if let Some(d) = words.next() {
                        c.search = vec![d.to_string()];
                    }
                }
                Some("search") => c.search = words.map(str::to_string).collect(),
                Some("options") => c.apply_options(words),
                _ => {}
            }
        }
        c
    }

    fn apply_options<'a>(&mut self, words: impl Iterator<Item = &'a str>) {
        for w in words {
            let (k, v) = w.split_once(':').unwrap_or((w, ""));
            match k {
                "ndots" => self.ndots = v.parse().unwrap_or(1).min(15),
                "timeout" => self.timeout = Duration::from_secs(v.parse().unwrap_or(5).clamp(1, 30)),
                "attempts" => self.attempts = v.parse().unwrap_or(2).clamp(1, 5),
                "rotate" => self.rotate = true,
                _ => {}
            }
        }
    }

    /// Candidate FQDNs for `name`, in the order glibc would try them.
    pub fn candidates(&self, name: &str) -> Vec<String> {
        if name.ends_with('.') {
            return vec![name.trim_end_matches('.').to_string()];
        }
        let dots = name.matches('.').count();
        let searched = self.search.iter().map(|s| format!("{name}.{}", s.trim_end_matches('.')));
        if dots >= self.ndots {
            std::iter::once(name.to_string()).chain(searched).collect()
        } else {
            searched.chain(std::iter::once(name.to_string())).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        let c = Config::parse(
            "# generated\nnameserver 192.0.2.53\nnameserver 2001:db8::53\nsearch corp.example.net example.net\noptions ndots:2 timeout:3 rotate\n",
        );
        assert_eq!(c.nameservers.len(), 2);
        assert_eq!(c.search, vec!["corp.example.net", "example.net"]);
        assert_eq!(c.ndots, 2);
        assert_eq!(c.timeout, Duration::from_secs(3));
        assert!(c.rotate);
    }

    #[test]
    fn candidate_order() {
        let c = Config::parse("search a.example\noptions ndots:1\n");
        assert_eq!(c.candidates("db"), vec!["db.a.example", "db"]);
        assert_eq!(c.candidates("x.y"), vec!["x.y", "x.y.a.example"]);
        assert_eq!(c.candidates("abs."), vec!["abs"]);
    }
}
