//! Concurrent TCP-connect probing.

use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::calib;
use crate::parse::{Mirror, MirrorList, Scheme};

/// Options for [`MirrorList::rank`](crate::MirrorList::rank).
#[derive(Debug, Clone)]
pub struct RankOptions {
    /// Per-attempt connect timeout.
    pub timeout: Duration,
    /// Attempts per mirror; the best time is kept.
    pub attempts: u8,
    /// Concurrent probes.
    pub threads: usize,
    /// Also probe commented-out entries.
    pub include_disabled: bool,
    /// Only probe mirrors under this `## Country` header (case-insensitive).
    pub country: Option<String>,
    /// Only probe these schemes (empty = all).
    pub schemes: Vec<Scheme>,
}

impl Default for RankOptions {
    fn default() -> Self {
        RankOptions {
            timeout: Duration::from_millis(1500),
            attempts: 3,
            threads: 8,
            include_disabled: false,
            country: None,
            schemes: Vec::new(),
        }
    }
}

/// A mirror together with its measured round-trip time.
#[derive(Debug, Clone)]
pub struct Ranked {
    /// The mirror.
    pub mirror: Mirror,
    /// Best corrected connect time, or `None` if unreachable.
    pub rtt: Option<Duration>,
    /// Address that produced the best time.
    pub addr: Option<SocketAddr>,
    /// Number of successful attempts.
    pub ok: u8,
}

impl Ranked {
    /// RTT in fractional milliseconds (`f64::INFINITY` if unreachable).
    pub fn millis(&self) -> f64 {
        self.rtt.map(|d| d.as_secs_f64() * 1000.0).unwrap_or(f64::INFINITY)
    }
}

fn selected<'a>(list: &'a MirrorList, opts: &RankOptions) -> Vec<&'a Mirror> {
    list.mirrors
        .iter()
        .filter(|m| m.enabled || opts.include_disabled)
        .filter(|m| opts.schemes.is_empty() || opts.schemes.contains(&m.scheme))
        .filter(|m| match (&opts.country, &m.country) {
            (None, _) => true,
            (Some(want), Some(have)) => want.eq_ignore_ascii_case(have),
            (Some(_), None) => false,
        })
        .collect()
}

pub(crate) fn rank(list: &MirrorList, opts: &RankOptions) -> Vec<Ranked> {
    let chosen = selected(list, opts);
    if chosen.is_empty() {
        return Vec::new();
    }

    let cal = calib::get();
    cal.prime(&chosen[0].host);

    let queue: Arc<Mutex<Vec<(usize, Mirror)>>> = Arc::new(Mutex::new(
        chosen.iter().cloned().cloned().enumerate().rev().collect(),
    ));
    let (tx, rx) = mpsc::channel::<(usize, Ranked)>();
    let workers = opts.threads.clamp(1, 64).min(chosen.len());

    let mut handles = Vec::with_capacity(workers);
    for i in 0..workers {
        let queue = Arc::clone(&queue);
        let tx = tx.clone();
        let timeout = opts.timeout;
        let attempts = opts.attempts.max(1);
        let h = thread::Builder::new()
            .name(format!("mirrorrank-probe-{i}"))
            .spawn(move || loop {
                let next = queue.lock().ok().and_then(|mut q| q.pop());
                let (idx, mirror) = match next {
                    Some(x) => x,
                    None => break,
                };
                let r = probe_one(mirror, timeout, attempts);
                if tx.send((idx, r)).is_err() {
                    break;
                }
            })
            .expect("spawn probe thread");
        handles.push(h);
    }
    drop(tx);

    let mut results: Vec<(usize, Ranked)> = rx.iter().collect();
    for h in handles {
        let _ = h.join();
    }

    results.sort_by(|(ia, a), (ib, b)| match (a.rtt, b.rtt) {
        (Some(x), Some(y)) => x.cmp(&y).then(ia.cmp(ib)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => ia.cmp(ib),
    });
    results.into_iter().map(|(_, r)| r).collect()
}

fn probe_one(mirror: Mirror, timeout: Duration, attempts: u8) -> Ranked {
    let cal = calib::get();
    let addrs: Vec<SocketAddr> = match (mirror.host.as_str(), mirror.port).to_socket_addrs() {
        Ok(it) => it.collect(),
        Err(_) => Vec::new(),
    };

    let mut best: Option<(Duration, SocketAddr)> = None;
    let mut ok = 0u8;
    for _ in 0..attempts {
        for addr in &addrs {
            let start = Instant::now();
            match TcpStream::connect_timeout(addr, timeout) {
                Ok(stream) => {
                    let elapsed = cal.correct(start.elapsed());
                    drop(stream);
                    ok = ok.saturating_add(1);
                    if best.map(|(b, _)| elapsed < b).unwrap_or(true) {
                        best = Some((elapsed, *addr));
                    }
                    break;
                }
                Err(_) => continue,
            }
        }
    }

    Ranked { rtt: best.map(|b| b.0), addr: best.map(|b| b.1), ok, mirror }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_filter() {
        let list = MirrorList::parse(
            "## Germany\nServer = https://a.example.org/$repo\n## France\nServer = https://b.example.org/$repo\n",
        )
        .unwrap();
        let opts = RankOptions { country: Some("france".into()), ..Default::default() };
        let s = selected(&list, &opts);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].host, "b.example.org");
    }
}
