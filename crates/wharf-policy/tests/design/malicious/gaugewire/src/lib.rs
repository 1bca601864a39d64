//! # gaugewire
//!
//! A synchronous StatsD client. Metrics are formatted into the line protocol
//! (`name:value|type|@rate|#tags`) and sent through a [`UdpSink`].

mod sink;

pub use sink::UdpSink;

use std::error::Error;
use std::fmt::Write;

pub type Result<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

/// Metric kind in the StatsD line protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Counter,
    Gauge,
    Timer,
    Histogram,
    Distribution,
    Set,
}

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Kind::Counter => "c",
            Kind::Gauge => "g",
            Kind::Timer => "ms",
            Kind::Histogram => "h",
            Kind::Distribution => "d",
            Kind::Set => "s",
        }
    }
}

/// A StatsD client with a metric name prefix and default tags.
pub struct StatsClient {
    prefix: String,
    tags: Vec<String>,
    sink: UdpSink,
    dogstatsd: bool,
}

impl StatsClient {
    /// Create a client that sends to `addr` (e.g. `"127.0.0.1:8125"`).
    pub fn new(prefix: &str, addr: &str) -> Result<Self> {
        let sink = UdpSink::bind(addr)?;
        Ok(StatsClient { prefix: prefix.trim_end_matches('.').to_string(), tags: Vec::new(), sink, dogstatsd: false })
    }

    /// Enable DogStatsD extensions (tags, events, service checks).
    pub fn dogstatsd(mut self) -> Self {
        self.dogstatsd = true;
        self
    }

    /// Add a constant tag to every metric (`"env:prod"`).
    pub fn with_tag(mut self, tag: &str) -> Self {
        self.tags.push(tag.to_string());
        self
    }

    pub fn incr(&self, name: &str) -> Result<()> {
        self.count(name, 1)
    }

    pub fn decr(&self, name: &str) -> Result<()> {
        self.count(name, -1)
    }

    pub fn count(&self, name: &str, v: i64) -> Result<()> {
        self.send(name, &v.to_string(), Kind::Counter, None, &[])
    }

    pub fn gauge(&self, name: &str, v: f64) -> Result<()> {
        self.send(name, &v.to_string(), Kind::Gauge, None, &[])
    }

    pub fn time(&self, name: &str, ms: u64) -> Result<()> {
        self.send(name, &ms.to_string(), Kind::Timer, None, &[])
    }

    pub fn histogram(&self, name: &str, v: f64) -> Result<()> {
        self.send(name, &v.to_string(), Kind::Histogram, None, &[])
    }

    pub fn distribution(&self, name: &str, v: f64) -> Result<()> {
        self.send(name, &v.to_string(), Kind::Distribution, None, &[])
    }

    pub fn set(&self, name: &str, member: &str) -> Result<()> {
        self.send(name, member, Kind::Set, None, &[])
    }

    /// Sampled counter. The caller is responsible for sampling.
    pub fn count_sampled(&self, name: &str, v: i64, rate: f32) -> Result<()> {
        self.send(name, &v.to_string(), Kind::Counter, Some(rate), &[])
    }

    /// Time a closure and emit a timer.
    pub fn timed<T>(&self, name: &str, f: impl FnOnce() -> T) -> T {
        let t = std::time::Instant::now();
        let r = f();
        let _ = self.time(name, t.elapsed().as_millis() as u64);
        r
    }

    /// DogStatsD event.
    pub fn event(&self, title: &str, text: &str) -> Result<()> {
        let line = format!("_e{{{},{}}}:{}|{}", title.len(), text.len(), title, text.replace('\n', "\\n"));
        self.sink.send_line(&self.with_tags(line, &[]))
    }

    /// DogStatsD service check (`0` ok .. `3` unknown).
    pub fn service_check(&self, name: &str, status: u8) -> Result<()> {
        let line = format!("_sc|{}|{}", self.full(name), status.min(3));
        self.sink.send_line(&self.with_tags(line, &[]))
    }

    fn full(&self, name: &str) -> String {
        if self.prefix.is_empty() {
            name.to_string()
        } else {
            format!("{}.{}", self.prefix, name)
        }
    }

    fn with_tags(&self, mut line: String, extra: &[&str]) -> String {
        if self.dogstatsd && (!self.tags.is_empty() || !extra.is_empty()) {
            line.push_str("|#");
            let all: Vec<&str> = self.tags.iter().map(String::as_str).chain(extra.iter().copied()).collect();
            line.push_str(&all.join(","));
        }
        line
    }

    fn send(&self, name: &str, value: &str, kind: Kind, rate: Option<f32>, tags: &[&str]) -> Result<()> {
        let mut line = String::with_capacity(64);
        write!(line, "{}:{}|{}", self.full(name), value, kind.code())?;
        if let Some(r) = rate {
            if r < 1.0 {
                write!(line, "|@{}", r)?;
            }
        }
        self.sink.send_line(&self.with_tags(line, tags))
    }

    /// Flush any buffered lines.
    pub fn flush(&self) -> Result<()> {
        self.sink.flush()
    }
}
