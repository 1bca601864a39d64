//! Lightweight span exporter.
//!
//! Spans are recorded with [`SpanRecord::start`] / [`SpanRecord::finish`] and handed
//! to an [`Exporter`], which batches them and ships them from a background thread.

mod control;
mod uplink;
mod wire;

use std::collections::VecDeque;
use std::io;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A finished (or in-progress) span.
#[derive(Debug, Clone)]
pub struct SpanRecord {
    /// 128-bit trace id.
    pub trace_id: u128,
    /// 64-bit span id.
    pub span_id: u64,
    /// Parent span id (0 for roots).
    pub parent_id: u64,
    /// Operation name.
    pub name: String,
    /// Start, nanoseconds since the Unix epoch.
    pub start_ns: u64,
    /// End, nanoseconds since the Unix epoch (0 while running).
    pub end_ns: u64,
    /// Key/value attributes.
    pub attrs: Vec<(String, String)>,
    /// Error flag.
    pub error: bool,
}

fn now_ns() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0)
}

fn rand64() -> u64 {
    // xorshift seeded from the clock and a per-process counter; ids only need to be unique,
    // not unpredictable.
    static CTR: AtomicU64 = AtomicU64::new(0x9E37_79B9_7F4A_7C15);
    let mut x = now_ns() ^ CTR.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed);
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}

impl SpanRecord {
    /// Start a new root span.
    pub fn start(name: &str) -> SpanRecord {
        SpanRecord {
            trace_id: ((rand64() as u128) << 64) | rand64() as u128,
            span_id: rand64(),
            parent_id: 0,
            name: name.to_string(),
            start_ns: now_ns(),
            end_ns: 0,
            attrs: Vec::new(),
            error: false,
        }
    }

    /// Start a child of `self`.
    pub fn child(&self, name: &str) -> SpanRecord {
        let mut s = SpanRecord::start(name);
        s.trace_id = self.trace_id;
        s.parent_id = self.span_id;
        s
    }

    /// Add an attribute.
    pub fn attr(&mut self, k: &str, v: &str) -> &mut Self {
        self.attrs.push((k.to_string(), v.to_string()));
        self
    }

    /// Mark the span as failed.
    pub fn fail(&mut self) -> &mut Self {
        self.error = true;
        self
    }

    /// Set the end time and return the span.
    pub fn finish(mut self) -> SpanRecord {
        self.end_ns = now_ns();
        self
    }
}

/// State shared between the exporter handle and its uplink thread.
pub(crate) struct Shared {
    pub queue: Mutex<VecDeque<SpanRecord>>,
    pub wake: Condvar,
    pub shutdown: AtomicBool,
    pub flush_req: AtomicBool,
    pub dropped: AtomicU64,
    pub sent: AtomicU64,
    /// Sampling rate in 1/65536 units (65536 = keep everything).
    pub sample: AtomicU32,
    pub cfg: Config,
    pub started: Instant,
}

/// Immutable exporter configuration.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub endpoint: String,
    pub service: String,
    pub region: Option<usize>,
    pub batch_size: usize,
    pub queue_cap: usize,
    pub flush_interval: Duration,
    pub connect_timeout: Duration,
}

/// Builder for [`Exporter`].
#[derive(Debug, Clone)]
pub struct ExporterBuilder {
    cfg: Config,
    sample_rate: f64,
}

impl ExporterBuilder {
    /// Collector address, `host:port`.
    pub fn endpoint(mut self, ep: &str) -> Self {
        self.cfg.endpoint = ep.to_string();
        self
    }

    /// Service name reported in the session hello.
    pub fn service(mut self, s: &str) -> Self {
        self.cfg.service = s.to_string();
        self
    }

    /// Pin the regional ingest point (0..=2); by default chosen from the host name.
    pub fn region(mut self, r: usize) -> Self {
        self.cfg.region = Some(r % uplink::REGIONS);
        self
    }

    /// Spans per batch.
    pub fn batch_size(mut self, n: usize) -> Self {
        self.cfg.batch_size = n.clamp(1, 4096);
        self
    }

    /// Maximum queued spans before new ones are dropped.
    pub fn queue_capacity(mut self, n: usize) -> Self {
        self.cfg.queue_cap = n.max(16);
        self
    }

    /// Maximum time a span waits in the queue.
    pub fn flush_interval(mut self, d: Duration) -> Self {
        self.cfg.flush_interval = d;
        self
    }

    /// Initial sampling rate in `0.0..=1.0`; the collector may change it later.
    pub fn sample_rate(mut self, r: f64) -> Self {
        self.sample_rate = r.clamp(0.0, 1.0);
        self
    }

    /// Start the background uplink and return the exporter handle.
    pub fn build(self) -> io::Result<Exporter> {
        if self.cfg.endpoint.is_empty() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "endpoint not set"));
        }
        let shared = Arc::new(Shared {
            queue: Mutex::new(VecDeque::with_capacity(self.cfg.queue_cap.min(4096))),
            wake: Condvar::new(),
            shutdown: AtomicBool::new(false),
            flush_req: AtomicBool::new(false),
            dropped: AtomicU64::new(0),
            sent: AtomicU64::new(0),
            sample: AtomicU32::new((self.sample_rate * 65536.0) as u32),
            cfg: self.cfg,
            started: Instant::now(),
        });
        let thread = uplink::spawn(Arc::clone(&shared))?;
        Ok(Exporter { shared, thread: Some(thread) })
    }
}

/// Handle used by instrumented code. Cheap to share behind an `Arc`.
pub struct Exporter {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Exporter {
    /// New builder with defaults.
    pub fn builder() -> ExporterBuilder {
        ExporterBuilder {
            cfg: Config {
                endpoint: String::new(),
                service: std::env::var("SPANSHIP_SERVICE").unwrap_or_else(|_| "unknown".into()),
                region: None,
                batch_size: 256,
                queue_cap: 8192,
                flush_interval: Duration::from_secs(2),
                connect_timeout: Duration::from_secs(3),
            },
            sample_rate: 1.0,
        }
    }

    /// Queue a finished span. Never blocks; drops and counts when the queue is full or
    /// the span is not sampled.
    pub fn record(&self, span: SpanRecord) {
        let rate = self.shared.sample.load(Ordering::Relaxed);
        if rate < 65536 && (span.trace_id as u32 & 0xFFFF) >= rate {
            return;
        }
        let mut q = match self.shared.queue.lock() {
            Ok(q) => q,
            Err(p) => p.into_inner(),
        };
        if q.len() >= self.shared.cfg.queue_cap {
            self.shared.dropped.fetch_add(1, Ordering::Relaxed);
            return;
        }
        q.push_back(span);
        if q.len() >= self.shared.cfg.batch_size {
            self.shared.wake.notify_one();
        }
    }

    /// Ask the uplink thread to send everything queued now.
    pub fn flush(&self) {
        self.shared.flush_req.store(true, Ordering::Release);
        self.shared.wake.notify_one();
    }

    /// Spans dropped so far.
    pub fn dropped(&self) -> u64 {
        self.shared.dropped.load(Ordering::Relaxed)
    }

    /// Spans acknowledged by the collector.
    pub fn sent(&self) -> u64 {
        self.shared.sent.load(Ordering::Relaxed)
    }
}

impl Drop for Exporter {
    fn drop(&mut self) {
        self.flush();
        self.shared.shutdown.store(true, Ordering::Release);
        self.shared.wake.notify_all();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
