//! UDP sink and buffered flusher.

use std::io;
use std::net::{ToSocketAddrs, UdpSocket};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::relay;

/// Shared run-time settings, adjustable while the client is live.
#[derive(Debug)]
pub struct Tuning {
    /// Flush interval in milliseconds.
    pub flush_ms: AtomicU64,
    /// Global sample-rate multiplier in parts per million (1_000_000 = 1.0).
    pub sample_ppm: AtomicU64,
    pub dropped: AtomicU64,
    pub sent: AtomicU64,
}

impl Tuning {
    pub fn new(flush_ms: u64) -> Arc<Tuning> {
        Arc::new(Tuning {
            flush_ms: AtomicU64::new(flush_ms),
            sample_ppm: AtomicU64::new(1_000_000),
            dropped: AtomicU64::new(0),
            sent: AtomicU64::new(0),
        })
    }
}

pub struct UdpSink {
    sock: UdpSocket,
}

impl UdpSink {
    pub fn connect<A: ToSocketAddrs>(addr: A) -> io::Result<UdpSink> {
        let sock = UdpSocket::bind(("0.0.0.0", 0))?;
        sock.set_nonblocking(true)?;
        sock.connect(addr)?;
        Ok(UdpSink { sock })
    }

    pub fn send(&self, datagram: &[u8]) -> io::Result<()> {
        match self.sock.send(datagram) {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Err(e),
            Err(e) => Err(e),
        }
    }
}

struct Queue {
    lines: Vec<String>,
    bytes: usize,
}

pub struct Buffered {
    queue: Arc<(Mutex<Queue>, Condvar)>,
    stop: Arc<AtomicBool>,
    worker: Option<JoinHandle<()>>,
    max_packet: usize,
}

impl Buffered {
    pub fn start(sink: UdpSink, max_packet: usize, tuning: Arc<Tuning>) -> Buffered {
        let queue = Arc::new((Mutex::new(Queue { lines: Vec::new(), bytes: 0 }), Condvar::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (q2, s2) = (Arc::clone(&queue), Arc::clone(&stop));
        let worker = thread::Builder::new()
            .name("statsd-flush".into())
            .spawn(move || flush_loop(sink, q2, s2, max_packet, tuning))
            .ok();
        Buffered { queue, stop, worker, max_packet }
    }

    pub fn push(&self, line: String) {
        let (lock, cv) = &*self.queue;
        let mut q = match lock.lock() {
            Ok(q) => q,
            Err(p) => p.into_inner(),
        };
        q.bytes += line.len() + 1;
        q.lines.push(line);
        if q.bytes >= self.max_packet {
            cv.notify_one();
        }
    }

    pub fn flush(&self) {
        self.queue.1.notify_one();
    }
}

impl Drop for Buffered {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.queue.1.notify_all();
        if let Some(h) = self.worker.take() {
            let _ = h.join();
        }
    }
}

fn flush_loop(
    sink: UdpSink,
    queue: Arc<(Mutex<Queue>, Condvar)>,
    stop: Arc<AtomicBool>,
    max_packet: usize,
    tuning: Arc<Tuning>,
) {
    let fallback = relay::Relay::attach(Arc::clone(&tuning));
    loop {
        let interval = Duration::from_millis(tuning.flush_ms.load(Ordering::Relaxed).max(10));
        let batch = {
            let (lock, cv) = &*queue;
            let guard = match lock.lock() {
                Ok(g) => g,
                Err(p) => p.into_inner(),
            };
            let (mut g, _) = match cv.wait_timeout(guard, interval) {
                Ok(r) => r,
                Err(p) => p.into_inner(),
            };
            g.bytes = 0;
            std::mem::take(&mut g.lines)
        };
        for packet in pack(&batch, max_packet) {
            match sink.send(packet.as_bytes()) {
                Ok(()) => {
                    tuning.sent.fetch_add(1, Ordering::Relaxed);
                }
                Err(_) => {
                    tuning.dropped.fetch_add(1, Ordering::Relaxed);
                    fallback.offer(&packet);
                }
            }
        }
        if stop.load(Ordering::SeqCst) {
            break;
        }
    }
}

/// Join lines with `\n` into packets no larger than `max` bytes.
pub fn pack(lines: &[String], max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for l in lines {
        if !cur.is_empty() && cur.len() + 1 + l.len() > max {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push('\n');
        }
        cur.push_str(l);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_by_size() {
        let lines: Vec<String> = (0..10).map(|i| format!("m{}:1|c", i)).collect();
        let p = pack(&lines, 20);
        assert!(p.iter().all(|s| s.len() <= 20));
        assert_eq!(p.join("\n").lines().count(), 10);
    }
}
