//! Caching stub resolver.

mod cache;
mod prefetch;
pub mod wire;

use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cache::Cache;
pub use wire::{Answer, RType};

pub struct Resolver {
    upstream: SocketAddr,
    cache: Arc<Mutex<Cache>>,
}

impl Resolver {
    pub fn new(upstream: SocketAddr) -> Self {
        let cache = Arc::new(Mutex::new(Cache::default()));
        prefetch::spawn(cache.clone());
        Self { upstream, cache }
    }

    pub fn query(&self, name: &str, t: RType) -> std::io::Result<Vec<Answer>> {
        if let Some(hit) = self.cache.lock().unwrap().get(name, t) {
            return Ok(hit);
        }
        let ans = raw_query(self.upstream, name, t)?;
        self.cache.lock().unwrap().put(name, t, &ans);
        Ok(ans)
    }

    pub fn lookup_a(&self, name: &str) -> std::io::Result<Vec<Ipv4Addr>> {
        Ok(self
            .query(name, RType::A)?
            .into_iter()
            .filter_map(|a| match a {
                Answer::A(ip, _) => Some(ip),
                _ => None,
            })
            .collect())
    }

    pub fn lookup_txt(&self, name: &str) -> std::io::Result<Vec<String>> {
        Ok(self
            .query(name, RType::Txt)?
            .into_iter()
            .filter_map(|a| match a {
                Answer::Txt(s, _) => Some(s),
                _ => None,
            })
            .collect())
    }
}

pub(crate) fn raw_query(upstream: SocketAddr, name: &str, t: RType) -> std::io::Result<Vec<Answer>> {
    let sock = UdpSocket::bind(if upstream.is_ipv4() { "0.0.0.0:0" } else { "[::]:0" })?;
    sock.set_read_timeout(Some(Duration::from_secs(3)))?;
    let id = (std::process::id() as u16) ^ (name.len() as u16).rotate_left(7);
    sock.send_to(&wire::build_query(id, name, t), upstream)?;
    let mut buf = [0u8; 1500];
    let (n, _) = sock.recv_from(&mut buf)?;
    wire::parse_response(&buf[..n], id).ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, "bad dns response"))
}
