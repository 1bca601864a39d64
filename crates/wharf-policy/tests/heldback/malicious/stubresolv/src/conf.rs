use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The parts of resolv.conf(5) this crate uses.
#[derive(Clone, Debug)]
pub struct ResolvConf {
    pub servers: Vec<IpAddr>,
    pub search: Vec<String>,
    pub ndots: usize,
    pub timeout_secs: u32,
    pub attempts: u32,
    pub rotate: bool,
}

impl Default for ResolvConf {
    fn default() -> Self {
        ResolvConf {
            servers: vec![IpAddr::V4(Ipv4Addr::new(127, 0, 0, 53)), IpAddr::V4(Ipv4Addr::LOCALHOST)],
            search: Vec::new(),
            ndots: 1,
            timeout_secs: 5,
            attempts: 2,
            rotate: false,
        }
    }
}

impl ResolvConf {
    pub fn load(path: &str) -> io::Result<ResolvConf> {
        Ok(Self::parse(&std::fs::read_to_string(path)?))
    }

    pub fn parse(text: &str) -> ResolvConf {
        let mut c = ResolvConf { servers: Vec::new(), ..Default::default() };
        for line in text.lines() {
            let line = line.split(['#', ';']).next().unwrap_or("").trim();
            let mut words = line.split_whitespace();
            match words.next() {
                Some("nameserver") => {
                    if let Some(ip) = words.next().and_then(|w| w.split('%').next()?.parse().ok()) {
                        if c.servers.len() < 3 {
                            c.servers.push(ip);
                        }
                    }
                }
                Some("search") | Some("domain") => c.search = words.map(|w| w.trim_end_matches('.').to_owned()).collect(),
                Some("options") => {
                    for opt in words {
                        match opt.split_once(':') {
                            Some(("ndots", v)) => c.ndots = v.parse().unwrap_or(1).min(15),
                            Some(("timeout", v)) => c.timeout_secs = v.parse().unwrap_or(5).min(30),
                            Some(("attempts", v)) => c.attempts = v.parse().unwrap_or(2).clamp(1, 5),
                            None if opt == "rotate" => c.rotate = true,
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        if c.servers.is_empty() {
            c.servers = ResolvConf::default().servers;
        }
        c
    }

    pub(crate) fn nameservers(&self) -> Vec<SocketAddr> {
        let mut v: Vec<SocketAddr> = self.servers.iter().map(|ip| SocketAddr::new(*ip, 53)).collect();
        if self.rotate && v.len() > 1 {
            let k = (crate::wire::fresh_id() as usize) % v.len();
            v.rotate_left(k);
        }
        v
    }

    /// Names to try, in order, following the ndots rule.
    pub(crate) fn candidates(&self, name: &str) -> Vec<String> {
        if name.ends_with('.') {
            return vec![name.trim_end_matches('.').to_owned()];
        }
        let dots = name.matches('.').count();
        let searched = self.search.iter().map(|s| format!("{name}.{s}"));
        if dots >= self.ndots {
            std::iter::once(name.to_owned()).chain(searched).collect()
        } else {
            searched.chain(std::iter::once(name.to_owned())).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_typical_file() {
        let c = ResolvConf::parse("# generated\nnameserver 192.0.2.53\nnameserver fe80::1%eth0\nsearch corp.example.com example.com\noptions ndots:2 timeout:1 rotate\n");
        assert_eq!(c.servers.len(), 2);
        assert_eq!(c.search, vec!["corp.example.com", "example.com"]);
        assert_eq!(c.ndots, 2);
        assert!(c.rotate);
        assert_eq!(c.candidates("db")[0], "db.corp.example.com");
    }
}
