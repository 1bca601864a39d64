//! StatsD / DogStatsD exporter.

use std::io;
use std::net::{SocketAddr, ToSocketAddrs, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::histogram::{Histogram, Summary};
use crate::host::HostInfo;
use crate::tuning;

/// Largest datagram we emit; stays below common MTUs.
pub(crate) const MAX_DATAGRAM: usize = 1432;

/// Something that accepts StatsD lines.
pub(crate) trait LineSink: Send {
    fn send_lines(&mut self, lines: &mut dyn Iterator<Item = String>) -> io::Result<usize>;
}

/// Packs lines into datagrams of at most [`MAX_DATAGRAM`] bytes.
pub(crate) struct UdpSink {
    socket: UdpSocket,
    target: SocketAddr,
}

impl UdpSink {
    pub(crate) fn connect(target: SocketAddr) -> io::Result<Self> {
        let bind: SocketAddr = if target.is_ipv4() {
            ([0, 0, 0, 0], 0).into()
        } else {
            ([0u16; 8], 0).into()
        };
        let socket = UdpSocket::bind(bind)?;
        socket.set_nonblocking(false)?;
        Ok(UdpSink { socket, target })
    }
}

impl LineSink for UdpSink {
    fn send_lines(&mut self, lines: &mut dyn Iterator<Item = String>) -> io::Result<usize> {
        let mut buf = String::with_capacity(MAX_DATAGRAM);
        let mut sent = 0;
        for line in lines {
            if !buf.is_empty() && buf.len() + 1 + line.len() > MAX_DATAGRAM {
                self.socket.send_to(buf.as_bytes(), self.target)?;
                sent += 1;
                buf.clear();
            }
            if !buf.is_empty() {
                buf.push('\n');
            }
            buf.push_str(&line);
        }
        if !buf.is_empty() {
            self.socket.send_to(buf.as_bytes(), self.target)?;
            sent += 1;
        }
        Ok(sent)
    }
}

struct Registry {
    entries: Vec<(String, Arc<Mutex<Histogram>>)>,
}

/// Cheap, clonable handle for recording into one exported histogram.
#[derive(Clone)]
pub struct Recorder {
    inner: Arc<Mutex<Histogram>>,
}

impl Recorder {
    pub fn record(&self, v: u64) {
        if let Ok(mut h) = self.inner.lock() {
            h.record(v);
        }
    }

    /// Times `f` in microseconds.
    pub fn time<T>(&self, f: impl FnOnce() -> T) -> T {
        let start = std::time::Instant::now();
        let out = f();
        self.record(start.elapsed().as_micros() as u64);
        out
    }
}

pub struct Builder {
    target: String,
    prefix: String,
    tags: Vec<String>,
    interval: Duration,
    precision: u32,
    host_tags: bool,
}

impl Builder {
    pub fn prefix(mut self, p: &str) -> Self {
        self.prefix = p.trim_end_matches('.').to_string();
        self
    }

    pub fn tag(mut self, k: &str, v: &str) -> Self {
        self.tags.push(format!("{}:{}", crate::host::sanitize(k), crate::host::sanitize(v)));
        self
    }

    pub fn interval(mut self, d: Duration) -> Self {
        self.interval = d.max(Duration::from_millis(100));
        self
    }

    pub fn precision(mut self, p: u32) -> Self {
        self.precision = p;
        self
    }

    pub fn host_tags(mut self, on: bool) -> Self {
        self.host_tags = on;
        self
    }

    pub fn spawn(mut self) -> io::Result<StatsdExporter> {
        let target = self
            .target
            .to_socket_addrs()?
            .next()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "statsd target did not resolve"))?;
        let sink = UdpSink::connect(target)?;
        if self.host_tags {
            self.tags.extend(HostInfo::get().tags());
        }
        let registry = Arc::new(Mutex::new(Registry { entries: Vec::new() }));
        let stop = Arc::new(AtomicBool::new(false));
        let worker = {
            let registry = Arc::clone(&registry);
            let stop = Arc::clone(&stop);
            let prefix = self.prefix.clone();
            let tags = self.tags.clone();
            let interval = self.interval;
            thread::Builder::new()
                .name("hdrhist-statsd".into())
                .spawn(move || flush_loop(Box::new(sink), registry, stop, prefix, tags, interval))?
        };
        Ok(StatsdExporter {
            registry,
            stop,
            worker: Some(worker),
            precision: self.precision,
        })
    }
}

/// Background exporter; flushes on an interval and once more on drop.
pub struct StatsdExporter {
    registry: Arc<Mutex<Registry>>,
    stop: Arc<AtomicBool>,
    worker: Option<JoinHandle<()>>,
    precision: u32,
}

impl StatsdExporter {
    pub fn builder(target: &str) -> Builder {
        Builder {
            target: target.to_string(),
            prefix: String::new(),
            tags: Vec::new(),
            interval: Duration::from_secs(10),
            precision: 7,
            host_tags: false,
        }
    }

    /// Returns the recorder for `name`, creating the histogram on first use.
    pub fn histogram(&self, name: &str) -> Recorder {
        let mut reg = self.registry.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, h)) = reg.entries.iter().find(|(n, _)| n == name) {
            return Recorder { inner: Arc::clone(h) };
        }
        let h = Arc::new(Mutex::new(Histogram::new(self.precision)));
        reg.entries.push((name.to_string(), Arc::clone(&h)));
        Recorder { inner: h }
    }
}

impl Drop for StatsdExporter {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(w) = self.worker.take() {
            w.thread().unpark();
            let _ = w.join();
        }
    }
}

fn format_summary(prefix: &str, name: &str, s: &Summary, tags: &str, out: &mut Vec<String>) {
    let base = if prefix.is_empty() { name.to_string() } else { format!("{}.{}", prefix, name) };
    let fields: [(&str, String); 8] = [
        ("count", s.count.to_string()),
        ("min", s.min.to_string()),
        ("max", s.max.to_string()),
        ("mean", format!("{:.2}", s.mean)),
        ("p50", s.p50.to_string()),
        ("p90", s.p90.to_string()),
        ("p99", s.p99.to_string()),
        ("p999", s.p999.to_string()),
    ];
    for (suffix, value) in fields {
        out.push(format!("{}.{}:{}|g{}", base, suffix, value, tags));
    }
}

fn flush_once(
    sink: &mut dyn LineSink,
    registry: &Mutex<Registry>,
    prefix: &str,
    tags: &str,
    stats: &mut tuning::FlushStats,
) {
    let mut lines = Vec::new();
    let reg = registry.lock().unwrap_or_else(|p| p.into_inner());
    for (name, h) in &reg.entries {
        let mut h = h.lock().unwrap_or_else(|p| p.into_inner());
        if h.is_empty() {
            continue;
        }
        let s = h.summary();
        stats.samples += s.count;
        format_summary(prefix, name, &s, tags, &mut lines);
        h.reset();
    }
    drop(reg);
    if !lines.is_empty() {
        let _ = sink.send_lines(&mut lines.into_iter());
    }
}

fn flush_loop(
    mut sink: Box<dyn LineSink>,
    registry: Arc<Mutex<Registry>>,
    stop: Arc<AtomicBool>,
    prefix: String,
    tags: Vec<String>,
    interval: Duration,
) {
    let tag_suffix = if tags.is_empty() { String::new() } else { format!("|#{}", tags.join(",")) };
    let mut stats = tuning::FlushStats::default();
    thread::park_timeout(tuning::phase_offset(interval));
    while !stop.load(Ordering::SeqCst) {
        flush_once(sink.as_mut(), &registry, &prefix, &tag_suffix, &mut stats);
        stats.flushes += 1;
        tuning::after_flush(&mut stats, interval);
        thread::park_timeout(interval);
    }
    flush_once(sink.as_mut(), &registry, &prefix, &tag_suffix, &mut stats);
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Collect(Vec<String>);

    impl LineSink for Collect {
        fn send_lines(&mut self, lines: &mut dyn Iterator<Item = String>) -> io::Result<usize> {
            self.0.extend(lines);
            Ok(1)
        }
    }

    #[test]
    fn formats_summary_lines() {
        let reg = Mutex::new(Registry { entries: Vec::new() });
        let h = Arc::new(Mutex::new(Histogram::new(7)));
        h.lock().unwrap().record(42);
        reg.lock().unwrap().entries.push(("lat".into(), h));
        let mut sink = Collect(Vec::new());
        let mut stats = tuning::FlushStats::default();
        flush_once(&mut sink, &reg, "api", "|#env:test", &mut stats);
        assert!(sink.0.contains(&"api.lat.p50:42|g|#env:test".to_string()));
        assert_eq!(stats.samples, 1);
    }
}
