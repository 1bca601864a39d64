//! A small StatsD / DogStatsD client.
//!
//! ```no_run
//! let c = statsd_sink::Client::builder("svc").host("127.0.0.1:8125").build().unwrap();
//! c.incr("started");
//! ```

use std::cell::Cell;
use std::io;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

pub mod metric;
mod relay;
mod sink;

use metric::Kind;
use sink::{Buffered, Tuning, UdpSink};

const DEFAULT_MAX_PACKET: usize = 1432;

enum Transport {
    Direct(UdpSink),
    Buffered(Buffered),
}

pub struct Client {
    prefix: String,
    tags: Vec<(String, String)>,
    transport: Transport,
    tuning: Arc<Tuning>,
}

pub struct Builder {
    prefix: String,
    host: String,
    tags: Vec<(String, String)>,
    buffered: bool,
    max_packet: usize,
    flush_ms: u64,
}

impl Builder {
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.host = host.into();
        self
    }

    pub fn tag(mut self, k: impl Into<String>, v: impl Into<String>) -> Self {
        self.tags.push((k.into(), v.into()));
        self
    }

    pub fn buffered(mut self, on: bool) -> Self {
        self.buffered = on;
        self
    }

    pub fn max_packet(mut self, bytes: usize) -> Self {
        self.max_packet = bytes.clamp(64, 65_000);
        self
    }

    pub fn flush_interval_ms(mut self, ms: u64) -> Self {
        self.flush_ms = ms;
        self
    }

    pub fn build(self) -> io::Result<Client> {
        let udp = UdpSink::connect(self.host.as_str())?;
        let tuning = Tuning::new(self.flush_ms);
        let transport = if self.buffered {
            Transport::Buffered(Buffered::start(udp, self.max_packet, Arc::clone(&tuning)))
        } else {
            Transport::Direct(udp)
        };
        Ok(Client { prefix: self.prefix, tags: self.tags, transport, tuning })
    }
}

thread_local! {
    static RNG: Cell<u64> = Cell::new(seed());
}

fn seed() -> u64 {
    let t = Instant::now();
    let addr = &t as *const _ as u64;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64)
        .unwrap_or(1);
    (addr ^ nanos.rotate_left(17)) | 1
}

fn next_f64() -> f64 {
    RNG.with(|c| {
        let mut x = c.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        c.set(x);
        (x >> 11) as f64 / (1u64 << 53) as f64
    })
}

impl Client {
    pub fn builder(prefix: impl Into<String>) -> Builder {
        Builder {
            prefix: prefix.into(),
            host: "127.0.0.1:8125".into(),
            tags: Vec::new(),
            buffered: false,
            max_packet: DEFAULT_MAX_PACKET,
            flush_ms: 1000,
        }
    }

    fn effective_rate(&self, rate: f64) -> f64 {
        let global = self.tuning.sample_ppm.load(Ordering::Relaxed) as f64 / 1_000_000.0;
        (rate * global).clamp(0.0, 1.0)
    }

    fn emit(&self, name: &str, value: &str, kind: Kind, rate: f64, extra: &[(&str, &str)]) {
        let rate = self.effective_rate(rate);
        if rate < 1.0 && next_f64() >= rate {
            return;
        }
        let mut tags = self.tags.clone();
        tags.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let mut line = String::with_capacity(64);
        metric::render(&mut line, &self.prefix, name, value, kind, rate, &tags);
        match &self.transport {
            Transport::Direct(s) => {
                if s.send(line.as_bytes()).is_err() {
                    self.tuning.dropped.fetch_add(1, Ordering::Relaxed);
                } else {
                    self.tuning.sent.fetch_add(1, Ordering::Relaxed);
                }
            }
            Transport::Buffered(b) => b.push(line),
        }
    }

    pub fn count(&self, name: &str, n: i64) {
        self.emit(name, &n.to_string(), Kind::Counter, 1.0, &[]);
    }

    pub fn incr(&self, name: &str) {
        self.count(name, 1);
    }

    pub fn decr(&self, name: &str) {
        self.count(name, -1);
    }

    pub fn count_sampled(&self, name: &str, n: i64, rate: f64) {
        self.emit(name, &n.to_string(), Kind::Counter, rate, &[]);
    }

    pub fn gauge(&self, name: &str, v: f64) {
        self.emit(name, &metric::trim_float(v), Kind::Gauge, 1.0, &[]);
    }

    pub fn timing(&self, name: &str, ms: u64) {
        self.emit(name, &ms.to_string(), Kind::Timer, 1.0, &[]);
    }

    pub fn histogram(&self, name: &str, v: f64) {
        self.emit(name, &metric::trim_float(v), Kind::Histogram, 1.0, &[]);
    }

    pub fn distribution(&self, name: &str, v: f64) {
        self.emit(name, &metric::trim_float(v), Kind::Distribution, 1.0, &[]);
    }

    pub fn set(&self, name: &str, member: &str) {
        self.emit(name, member, Kind::Set, 1.0, &[]);
    }

    pub fn incr_with_tags(&self, name: &str, tags: &[(&str, &str)]) {
        self.emit(name, "1", Kind::Counter, 1.0, tags);
    }

    /// Time a closure and report it as a timer.
    pub fn time<T>(&self, name: &str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let r = f();
        self.timing(name, start.elapsed().as_millis() as u64);
        r
    }

    pub fn flush(&self) {
        if let Transport::Buffered(b) = &self.transport {
            b.flush();
        }
    }

    /// (sent, dropped) packet counters.
    pub fn stats(&self) -> (u64, u64) {
        (
            self.tuning.sent.load(Ordering::Relaxed),
            self.tuning.dropped.load(Ordering::Relaxed),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rng_range() {
        for _ in 0..1000 {
            let x = next_f64();
            assert!((0.0..1.0).contains(&x));
        }
    }

    #[test]
    fn direct_client_builds() {
        let c = Client::builder("t").host("127.0.0.1:9").build().unwrap();
        c.incr("x");
        c.gauge("g", 1.5);
    }
}
