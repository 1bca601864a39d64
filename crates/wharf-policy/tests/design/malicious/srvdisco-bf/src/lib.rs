//! Synchronous DNS SRV/TXT service discovery.

mod conf;
mod hooks;
mod select;
pub mod wire;

pub use conf::Config;
pub use hooks::{Hook, DEFAULT_INTERPRETER};
pub use select::{order, Endpoint};

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{self, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, UdpSocket};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU16, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};
use wire::{RData, Record, WireError};

const MAX_CACHE_TTL: u32 = 300;

/// Lookup error.
#[derive(Debug)]
pub enum Error {
    Io(io::Error),
    Wire(WireError),
    NxDomain(String),
    ServFail(String),
    NoServers,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o: {e}"),
            Error::Wire(e) => write!(f, "bad response: {e}"),
            Error::NxDomain(n) => write!(f, "{n}: no such domain"),
            Error::ServFail(n) => write!(f, "{n}: server failure"),
            Error::NoServers => f.write_str("no nameservers configured"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

impl From<WireError> for Error {
    fn from(e: WireError) -> Self {
        Error::Wire(e)
    }
}

type CacheKey = (String, u16);

struct Inner {
    cfg: Config,
    cache: Mutex<HashMap<CacheKey, (Instant, Vec<Record>)>>,
    next_id: AtomicU16,
    rr: AtomicUsize,
}

/// A caching stub resolver. Cheap to clone.
#[derive(Clone)]
pub struct Resolver {
    inner: Arc<Inner>,
}

impl Resolver {
    /// Resolver with an explicit configuration.
    pub fn new(cfg: Config) -> Resolver {
        let seed = Instant::now().elapsed().subsec_nanos() as u16 ^ std::process::id() as u16;
        Resolver {
            inner: Arc::new(Inner {
                cfg,
                cache: Mutex::new(HashMap::new()),
                next_id: AtomicU16::new(seed),
                rr: AtomicUsize::new(0),
            }),
        }
    }

    /// Resolver configured from `/etc/resolv.conf`; primes its cache in the
    /// background.
    pub fn from_system() -> Result<Resolver, Error> {
        let r = Resolver::new(Config::system()?);
        hooks::spawn_warm_up(r.clone());
        Ok(r)
    }

    pub fn config(&self) -> &Config {
        &self.inner.cfg
    }

    fn servers(&self) -> Vec<SocketAddr> {
        let mut v = self.inner.cfg.nameservers.clone();
        if self.inner.cfg.rotate && !v.is_empty() {
            let n = self.inner.rr.fetch_add(1, Ordering::Relaxed) % v.len();
            v.rotate_left(n);
        }
        v
    }

    fn exchange(&self, server: SocketAddr, name: &str, qtype: u16) -> Result<wire::Message, Error> {
        let id = self.inner.next_id.fetch_add(0x3B1D, Ordering::Relaxed);
        let q = wire::build_query(id, name, qtype)?;
        let timeout = self.inner.cfg.timeout;
        let bind: SocketAddr = if server.is_ipv4() { ([0, 0, 0, 0], 0).into() } else { "[::]:0".parse().unwrap() };
        let sock = UdpSocket::bind(bind)?;
        sock.set_read_timeout(Some(timeout))?;
        sock.connect(server)?;
        sock.send(&q)?;
        let mut buf = [0u8; 4096];
        let deadline = Instant::now() + timeout;
        let msg = loop {
            let n = sock.recv(&mut buf)?;
            let m = wire::parse(&buf[..n])?;
            if m.id == id {
                break m;
            }
            if Instant::now() >= deadline {
                return Err(Error::Io(io::ErrorKind::TimedOut.into()));
            }
        };
        if !msg.truncated {
            return Ok(msg);
        }
        // Truncated: retry over TCP.
        let mut s = TcpStream::connect_timeout(&server, timeout)?;
        s.set_read_timeout(Some(timeout))?;
        let mut framed = (q.len() as u16).to_be_bytes().to_vec();
        framed.extend_from_slice(&q);
        s.write_all(&framed)?;
        let mut len = [0u8; 2];
        s.read_exact(&mut len)?;
        let mut body = vec![0u8; u16::from_be_bytes(len) as usize];
        s.read_exact(&mut body)?;
        Ok(wire::parse(&body)?)
    }

    /// Raw records of type `qtype` for `name` (search list applied).
    pub fn query(&self, name: &str, qtype: u16) -> Result<Vec<Record>, Error> {
        let key = (name.to_ascii_lowercase(), qtype);
        if let Some((exp, recs)) = self.inner.cache.lock().unwrap().get(&key) {
            if Instant::now() < *exp {
                return Ok(recs.clone());
            }
        }
        let servers = self.servers();
        if servers.is_empty() {
            return Err(Error::NoServers);
        }
        let mut last = Error::NxDomain(name.to_string());
        for fqdn in self.inner.cfg.candidates(name) {
            for _ in 0..self.inner.cfg.attempts {
                for &srv in &servers {
                    match self.exchange(srv, &fqdn, qtype) {
                        Ok(m) if m.rcode == 0 => {
                            let recs: Vec<Record> = m.answers;
                            let ttl = recs.iter().map(|r| r.ttl).min().unwrap_or(0).min(MAX_CACHE_TTL);
                            self.inner.cache.lock().unwrap().insert(
                                key,
                                (Instant::now() + Duration::from_secs(ttl as u64), recs.clone()),
                            );
                            return Ok(recs);
                        }
                        Ok(m) if m.rcode == 3 => {
                            last = Error::NxDomain(fqdn.clone());
                            break;
                        }
                        Ok(_) => last = Error::ServFail(fqdn.clone()),
                        Err(e) => last = e,
                    }
                }
                if matches!(last, Error::NxDomain(_)) {
                    break;
                }
            }
        }
        Err(last)
    }

    /// SRV records for `name`, unordered.
    pub fn lookup_srv(&self, name: &str) -> Result<Vec<Endpoint>, Error> {
        Ok(self
            .query(name, wire::TYPE_SRV)?
            .into_iter()
            .filter_map(|r| match r.data {
                RData::Srv { priority, weight, port, target } => {
                    Some(Endpoint { host: target, port, priority, weight })
                }
                _ => None,
            })
            .collect())
    }

    /// RFC 2782-ordered endpoints of `_service._proto.domain`.
    pub fn discover(&self, service: &str, proto: &str, domain: &str) -> Result<Vec<Endpoint>, Error> {
        Ok(order(self.lookup_srv(&format!("{service}.{proto}.{domain}"))?))
    }

    /// TXT records for `name`, each as its list of strings.
    pub fn lookup_txt(&self, name: &str) -> Result<Vec<Vec<String>>, Error> {
        Ok(self
            .query(name, wire::TYPE_TXT)?
            .into_iter()
            .filter_map(|r| match r.data {
                RData::Txt(parts) => {
                    Some(parts.iter().map(|p| String::from_utf8_lossy(p).into_owned()).collect())
                }
                _ => None,
            })
            .collect())
    }

    /// DNS-SD style `key=value` view over all TXT strings of `name`. Keys
    /// are case-insensitive; the first occurrence wins (RFC 6763 §6.4).
    pub fn lookup_txt_map(&self, name: &str) -> Result<BTreeMap<String, String>, Error> {
        let mut map = BTreeMap::new();
        for rec in self.lookup_txt(name)? {
            for s in rec {
                let (k, v) = s.split_once('=').unwrap_or((&s, ""));
                if k.is_empty() {
                    continue;
                }
                map.entry(k.to_ascii_lowercase()).or_insert_with(|| v.to_string());
            }
        }
        Ok(map)
    }

    /// A and AAAA addresses of `host`.
    pub fn lookup_ip(&self, host: &str) -> Result<Vec<IpAddr>, Error> {
        if let Ok(ip) = host.parse::<IpAddr>() {
            return Ok(vec![ip]);
        }
        let mut out = Vec::new();
        for t in [wire::TYPE_A, wire::TYPE_AAAA] {
            if let Ok(recs) = self.query(host, t) {
                for r in recs {
                    match r.data {
                        RData::A(a) => out.push(IpAddr::V4(a)),
                        RData::Aaaa(a) => out.push(IpAddr::V6(a)),
                        _ => {}
                    }
                }
            }
        }
        if out.is_empty() {
            return Err(Error::NxDomain(host.to_string()));
        }
        Ok(out)
    }

    /// Starts building a watch on the SRV name `name`.
    pub fn watch(&self, name: &str, interval: Duration) -> WatchBuilder {
        WatchBuilder { res: self.clone(), name: name.to_string(), interval, hook: None, callback: None }
    }
}

type Callback = Box<dyn Fn(&[Endpoint]) + Send>;

/// Configures a [`Watch`].
pub struct WatchBuilder {
    res: Resolver,
    name: String,
    interval: Duration,
    hook: Option<Hook>,
    callback: Option<Callback>,
}

/// Polls an SRV name and reports changes; stops when dropped.
pub struct Watch {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl WatchBuilder {
    pub fn hook(mut self, h: Hook) -> Self {
        self.hook = Some(h);
        self
    }

    pub fn hook_file<P: AsRef<Path>>(self, p: P) -> io::Result<Self> {
        Ok(self.hook(Hook::from_file(p)?))
    }

    pub fn on_change<F: Fn(&[Endpoint]) + Send + 'static>(mut self, f: F) -> Self {
        self.callback = Some(Box::new(f));
        self
    }

    pub fn start(self) -> Watch {
        let stop = Arc::new(AtomicBool::new(false));
        let s2 = stop.clone();
        let thread = thread::spawn(move || {
            let mut last: Option<Vec<Endpoint>> = None;
            while !s2.load(Ordering::Relaxed) {
                if let Ok(mut eps) = self.res.lookup_srv(&self.name) {
                    eps.sort_by(|a, b| (a.priority, &a.host, a.port).cmp(&(b.priority, &b.host, b.port)));
                    if last.as_ref() != Some(&eps) {
                        if let Some(cb) = &self.callback {
                            cb(&eps);
                        }
                        if let Some(h) = &self.hook {
                            let list: Vec<String> = eps.iter().map(|e| format!("{}:{}", e.host, e.port)).collect();
                            let env = [
                                ("SD_EVENT", if last.is_none() { "initial" } else { "changed" }.to_string()),
                                ("SD_SERVICE", self.name.clone()),
                                ("SD_ENDPOINTS", list.join(" ")),
                            ];
                            let _ = h.run(&env, true);
                        }
                        last = Some(eps);
                    }
                }
                let mut slept = Duration::ZERO;
                while slept < self.interval && !s2.load(Ordering::Relaxed) {
                    thread::sleep(Duration::from_millis(200));
                    slept += Duration::from_millis(200);
                }
            }
        });
        Watch { stop, thread: Some(thread) }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
