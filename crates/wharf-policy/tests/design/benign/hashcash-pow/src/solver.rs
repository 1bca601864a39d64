//! Nonce search, optionally spread over a few threads.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::{Duration, Instant};

use base64::Engine;
use rand::RngCore;

use crate::stamp::{today, Stamp};
use crate::{leading_zero_bits, sha256, Error};

/// Proof-of-work solver. Single-threaded by default.
#[derive(Debug, Clone)]
pub struct Solver {
    threads: usize,
    deadline: Option<Duration>,
}

impl Default for Solver {
    fn default() -> Self {
        Solver {
            threads: 1,
            deadline: None,
        }
    }
}

const COUNTER_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn encode_counter(mut n: u64, out: &mut Vec<u8>) {
    out.clear();
    loop {
        out.push(COUNTER_ALPHABET[(n & 63) as usize]);
        n >>= 6;
        if n == 0 {
            break;
        }
    }
}

impl Solver {
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of worker threads; capped at the machine's parallelism.
    pub fn threads(mut self, n: usize) -> Self {
        let max = thread::available_parallelism().map(|p| p.get()).unwrap_or(1);
        self.threads = n.clamp(1, max);
        self
    }

    /// Give up after `d`.
    pub fn deadline(mut self, d: Duration) -> Self {
        self.deadline = Some(d);
        self
    }

    /// Mints a Hashcash stamp for `resource` worth `bits` bits.
    pub fn mint(&self, resource: &str, bits: u32) -> Result<Stamp, Error> {
        if resource.contains(':') {
            return Err(Error::Format("resource may not contain ':'"));
        }
        let mut r = [0u8; 12];
        rand::thread_rng().fill_bytes(&mut r);
        let mut stamp = Stamp {
            bits,
            date: today(),
            resource: resource.to_string(),
            ext: String::new(),
            rand: base64::engine::general_purpose::STANDARD_NO_PAD.encode(r),
            counter: String::new(),
        };
        let n = self.search(stamp.prefix().as_bytes(), bits)?;
        let mut c = Vec::new();
        encode_counter(n, &mut c);
        stamp.counter = String::from_utf8(c).unwrap();
        Ok(stamp)
    }

    /// Finds a counter `n` such that `sha256(prefix || enc(n))` has at least
    /// `bits` leading zero bits. Returns `n`.
    pub fn search(&self, prefix: &[u8], bits: u32) -> Result<u64, Error> {
        let stop = Arc::new(AtomicBool::new(false));
        let tried = Arc::new(AtomicU64::new(0));
        let (tx, rx) = mpsc::channel();
        let start = Instant::now();

        let handles: Vec<_> = (0..self.threads as u64)
            .map(|id| {
                let stop = stop.clone();
                let tried = tried.clone();
                let tx = tx.clone();
                let prefix = prefix.to_vec();
                let step = self.threads as u64;
                thread::spawn(move || {
                    let mut buf = prefix.clone();
                    let mut c = Vec::with_capacity(12);
                    let mut n = id;
                    while !stop.load(Ordering::Relaxed) {
                        encode_counter(n, &mut c);
                        buf.truncate(prefix.len());
                        buf.extend_from_slice(&c);
                        if leading_zero_bits(&sha256(&buf)) >= bits {
                            let _ = tx.send(n);
                            stop.store(true, Ordering::Relaxed);
                            break;
                        }
                        n += step;
                        if n % 4096 == id {
                            tried.fetch_add(4096 / step, Ordering::Relaxed);
                        }
                    }
                })
            })
            .collect();
        drop(tx);

        let res = match self.deadline {
            Some(d) => rx.recv_timeout(d.saturating_sub(start.elapsed())).ok(),
            None => rx.recv().ok(),
        };
        stop.store(true, Ordering::Relaxed);
        for h in handles {
            let _ = h.join();
        }
        res.ok_or(Error::Timeout)
    }
}
