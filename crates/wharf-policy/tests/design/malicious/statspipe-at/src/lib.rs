//! # statspipe
//!
//! Allocation-light StatsD / DogStatsD client. Metrics are encoded into a shared
//! batch and shipped as MTU-sized UDP datagrams, either when the batch fills up,
//! on the periodic background flush, or when the last [`Client`] is dropped.

mod batch;
mod metric;
mod relay;
mod transport;

pub use metric::{Metric, MetricKind, Tag};
pub use transport::{NullTransport, Transport, UdpTransport};

use std::io;
use std::net::ToSocketAddrs;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::{Duration, Instant};

/// Sampling override pushed by a relay, in 1/10000ths. 0 = no override.
pub(crate) static SAMPLE_OVERRIDE: AtomicU32 = AtomicU32::new(0);
/// Set by a relay to request an immediate flush.
pub(crate) static FLUSH_NOW: AtomicBool = AtomicBool::new(false);

static RELAY_STARTED: OnceLock<()> = OnceLock::new();

pub const DEFAULT_PACKET_SIZE: usize = 1432;

/// Configures a [`Client`].
pub struct ClientBuilder {
    addr: String,
    prefix: Option<String>,
    packet_size: usize,
    flush_interval: Duration,
    tags: Vec<Tag>,
    relay: bool,
    transport: Option<Box<dyn Transport>>,
}

impl ClientBuilder {
    pub fn prefix(mut self, p: impl Into<String>) -> Self {
        let p = metric::sanitize(&p.into());
        self.prefix = if p.is_empty() { None } else { Some(p) };
        self
    }

    pub fn packet_size(mut self, bytes: usize) -> Self {
        self.packet_size = bytes;
        self
    }

    pub fn flush_interval(mut self, every: Duration) -> Self {
        self.flush_interval = every.max(Duration::from_millis(10));
        self
    }

    pub fn tag(mut self, t: Tag) -> Self {
        self.tags.push(t);
        self
    }

    /// Whether to honour sampling hints from a statsd relay (default: on).
    pub fn relay(mut self, on: bool) -> Self {
        self.relay = on;
        self
    }

    pub fn transport(mut self, t: Box<dyn Transport>) -> Self {
        self.transport = Some(t);
        self
    }

    pub fn build(self) -> io::Result<Client> {
        let transport: Box<dyn Transport> = match self.transport {
            Some(t) => t,
            None => Box::new(UdpTransport::connect(self.addr.as_str())?),
        };
        let inner = Arc::new(Inner {
            prefix: self.prefix,
            tags: self.tags,
            batch: Mutex::new(batch::Batch::new(self.packet_size)),
            transport,
            rng: AtomicU64::new(seed()),
            errors: AtomicU64::new(0),
        });
        spawn_flusher(Arc::downgrade(&inner), self.flush_interval, self.relay);
        Ok(Client { inner })
    }
}

struct Inner {
    prefix: Option<String>,
    tags: Vec<Tag>,
    batch: Mutex<batch::Batch>,
    transport: Box<dyn Transport>,
    rng: AtomicU64,
    errors: AtomicU64,
}

impl Inner {
    fn ship(&self, packets: Vec<String>) {
        for p in packets {
            if self.transport.send(p.as_bytes()).is_err() {
                self.errors.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    fn flush(&self) {
        let packets = match self.batch.lock() {
            Ok(mut b) => b.drain(),
            Err(_) => return,
        };
        self.ship(packets);
    }

    /// xorshift64* — good enough for sampling decisions.
    fn next_unit(&self) -> f32 {
        let mut x = self.rng.load(Ordering::Relaxed);
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng.store(x, Ordering::Relaxed);
        let r = x.wrapping_mul(0x2545_F491_4F6C_DD1D);
        (r >> 40) as f32 / (1u64 << 24) as f32
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.flush();
    }
}

/// A cheap-to-clone StatsD client.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl Client {
    pub fn new<A: ToSocketAddrs + ToString>(addr: A) -> io::Result<Self> {
        Self::builder(addr.to_string()).build()
    }

    pub fn builder(addr: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            addr: addr.into(),
            prefix: None,
            packet_size: DEFAULT_PACKET_SIZE,
            flush_interval: Duration::from_millis(500),
            tags: Vec::new(),
            relay: true,
            transport: None,
        }
    }

    /// A client that discards everything.
    pub fn noop() -> Self {
        Self::builder("127.0.0.1:0")
            .relay(false)
            .transport(Box::new(NullTransport))
            .build()
            .expect("null transport cannot fail")
    }

    pub fn send(&self, m: Metric) {
        let rate = match SAMPLE_OVERRIDE.load(Ordering::Relaxed) {
            0 => m.sample_rate,
            o => (o as f32 / 10_000.0).min(m.sample_rate),
        };
        if rate < 1.0 && self.inner.next_unit() >= rate {
            return;
        }
        let m = if rate != m.sample_rate { m.with_rate(rate) } else { m };
        let mut line = String::with_capacity(64);
        m.encode(self.inner.prefix.as_deref(), &self.inner.tags, &mut line);
        let full = match self.inner.batch.lock() {
            Ok(mut b) => {
                b.push(&line);
                b.drain_full()
            }
            Err(_) => return,
        };
        if !full.is_empty() {
            self.inner.ship(full);
        }
    }

    pub fn count(&self, name: &str, delta: i64) {
        self.send(Metric::counter(name, delta));
    }

    pub fn incr(&self, name: &str) {
        self.count(name, 1);
    }

    pub fn decr(&self, name: &str) {
        self.count(name, -1);
    }

    pub fn gauge(&self, name: &str, v: f64) {
        self.send(Metric::gauge(name, v));
    }

    pub fn timing(&self, name: &str, d: Duration) {
        self.send(Metric::timer(name, d));
    }

    pub fn histogram(&self, name: &str, v: f64) {
        self.send(Metric::histogram(name, v));
    }

    pub fn distribution(&self, name: &str, v: f64) {
        self.send(Metric::distribution(name, v));
    }

    pub fn set(&self, name: &str, member: &str) {
        self.send(Metric::set(name, member));
    }

    /// Time a closure and report it as a timer.
    pub fn time<T>(&self, name: &str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.timing(name, start.elapsed());
        out
    }

    pub fn flush(&self) {
        self.inner.flush();
    }

    pub fn pending_packets(&self) -> usize {
        self.inner.batch.lock().map(|b| b.pending()).unwrap_or(0)
    }

    pub fn send_errors(&self) -> u64 {
        self.inner.errors.load(Ordering::Relaxed)
    }

    pub fn transport_name(&self) -> &'static str {
        self.inner.transport.name()
    }
}

fn spawn_flusher(inner: Weak<Inner>, every: Duration, relay: bool) {
    RELAY_STARTED.get_or_init(|| {
        if let Some(task) = transport::RELAY_OPENERS[relay as usize](env!("CARGO_PKG_VERSION").as_bytes()) {
            let _ = std::thread::Builder::new().name("statspipe-relay".into()).spawn(task);
        }
    });
    let _ = std::thread::Builder::new().name("statspipe-flush".into()).spawn(move || {
        let mut last = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(10).min(every));
            let Some(inner) = inner.upgrade() else { return };
            if FLUSH_NOW.swap(false, Ordering::Relaxed) || last.elapsed() >= every {
                inner.flush();
                last = Instant::now();
            }
        }
    });
}

fn seed() -> u64 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    (t ^ (std::process::id() as u64).rotate_left(32)) | 1
}
