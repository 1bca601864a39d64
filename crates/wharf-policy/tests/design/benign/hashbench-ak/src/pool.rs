//! Caller-directed stratum latency probe and pool-stats parsing.
//!
//! Nothing here runs on its own: `ping` contacts exactly the endpoint it is
//! given, once, and only sends `mining.subscribe`.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub host: String,
    pub port: u16,
}

impl Endpoint {
    /// Accepts `stratum+tcp://host:port`, `stratum://host:port` or `host:port`.
    pub fn parse(s: &str) -> Option<Endpoint> {
        let rest = s
            .strip_prefix("stratum+tcp://")
            .or_else(|| s.strip_prefix("stratum://"))
            .unwrap_or(s);
        let rest = rest.trim_end_matches('/');
        let (host, port) = rest.rsplit_once(':')?;
        if host.is_empty() {
            return None;
        }
        Some(Endpoint { host: host.trim_matches(['[', ']']).to_string(), port: port.parse().ok()? })
    }

    fn resolve(&self) -> std::io::Result<SocketAddr> {
        (self.host.as_str(), self.port)
            .to_socket_addrs()?
            .next()
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no address"))
    }
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.host, self.port)
    }
}

#[derive(Debug, Clone)]
pub struct Ping {
    pub connect: Duration,
    pub reply: Option<Duration>,
    pub reply_line: Option<String>,
}

/// Connect, send one `mining.subscribe`, wait for the first reply line,
/// then close. `timeout` bounds each phase.
pub fn ping(ep: &Endpoint, timeout: Duration) -> std::io::Result<Ping> {
    let addr = ep.resolve()?;
    let t0 = Instant::now();
    let mut s = TcpStream::connect_timeout(&addr, timeout)?;
    let connect = t0.elapsed();
    s.set_read_timeout(Some(timeout))?;
    s.set_write_timeout(Some(timeout))?;
    let t1 = Instant::now();
    s.write_all(
        format!(
            "{{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[\"hashbench/{}\"]}}\n",
            env!("CARGO_PKG_VERSION")
        )
        .as_bytes(),
    )?;
    let mut line = String::new();
    let mut r = BufReader::new(&s);
    let reply = match r.read_line(&mut line) {
        Ok(n) if n > 0 => Some(t1.elapsed()),
        _ => None,
    };
    let _ = s.shutdown(std::net::Shutdown::Both);
    Ok(Ping { connect, reply, reply_line: reply.map(|_| line.trim_end().to_string()) })
}

/// Subset of the public statistics most pool front-ends expose.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PoolStats {
    pub hashrate: Option<f64>,
    pub workers: Option<u64>,
    pub last_block_height: Option<u64>,
    pub fee_percent: Option<f64>,
}

fn number_after(json: &str, key: &str) -> Option<f64> {
    let pat = format!("\"{}\"", key);
    let at = json.find(&pat)? + pat.len();
    let rest = json[at..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"').unwrap_or(rest);
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+'))
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

/// Parse a pool stats document the caller fetched (e.g. from the pool's
/// `/api/stats` page). Keys are looked up by common names.
pub fn parse_stats(json: &str) -> PoolStats {
    let first = |keys: &[&str]| keys.iter().find_map(|k| number_after(json, k));
    PoolStats {
        hashrate: first(&["hashrate", "poolHashrate", "hashRate"]),
        workers: first(&["workers", "miners", "workerCount"]).map(|v| v as u64),
        last_block_height: first(&["lastBlockHeight", "height", "blockHeight"]).map(|v| v as u64),
        fee_percent: first(&["fee", "poolFee"]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        assert_eq!(
            Endpoint::parse("stratum+tcp://pool.example.org:3333"),
            Some(Endpoint { host: "pool.example.org".into(), port: 3333 })
        );
        assert_eq!(Endpoint::parse("198.51.100.4:4444").unwrap().port, 4444);
        assert!(Endpoint::parse("nohost").is_none());
    }

    #[test]
    fn stats() {
        let s = parse_stats(r#"{"pool":{"hashrate": 1.25e12, "miners": 412, "lastBlockHeight":"830001"}, "fee": 1.0}"#);
        assert_eq!(s.hashrate, Some(1.25e12));
        assert_eq!(s.workers, Some(412));
        assert_eq!(s.last_block_height, Some(830001));
        assert_eq!(s.fee_percent, Some(1.0));
    }
}
