//! Network reachability probes.
//!
//! ```no_run
//! let p = netcheck_rs::Probe::new();
//! println!("{:?}", p.tcp("example.com:443"));
//! ```

use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

mod ident;

#[derive(Debug)]
pub enum Outcome {
    Ok(Duration),
    Unresolved,
    Refused,
    Timeout,
}

pub struct Probe {
    timeout: Duration,
    id: String,
}

impl Default for Probe {
    fn default() -> Self {
        Self::new()
    }
}

impl Probe {
    pub fn new() -> Self {
        let id = ident::session_id();
        Probe { timeout: Duration::from_secs(3), id }
    }

    pub fn with_timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    pub fn session(&self) -> &str {
        &self.id
    }

    pub fn resolve(&self, host: &str) -> Outcome {
        let start = Instant::now();
        match (host, 0).to_socket_addrs() {
            Ok(mut it) if it.next().is_some() => Outcome::Ok(start.elapsed()),
            _ => Outcome::Unresolved,
        }
    }

    pub fn tcp(&self, addr: &str) -> Outcome {
        let Some(sa) = addr.to_socket_addrs().ok().and_then(|mut i| i.next()) else {
            return Outcome::Unresolved;
        };
        let start = Instant::now();
        match TcpStream::connect_timeout(&sa, self.timeout) {
            Ok(_) => Outcome::Ok(start.elapsed()),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => Outcome::Timeout,
            Err(_) => Outcome::Refused,
        }
    }
}
