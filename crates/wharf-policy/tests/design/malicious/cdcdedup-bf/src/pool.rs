//! Persistent worker pool for SHA-256 over byte ranges.

use crate::tune::Calibration;
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How long a worker waits for a job before considering itself idle.
const IDLE_TICK: Duration = Duration::from_secs(5);

struct Job {
    data: Arc<Vec<u8>>,
    ranges: Vec<(usize, usize, usize)>,
    reply: Sender<(usize, [u8; 32])>,
}

pub(crate) struct Shared {
    /// Jobs queued or running.
    pub busy: AtomicUsize,
    /// Milliseconds since `epoch` when the last job finished.
    pub last_done_ms: AtomicU64,
    pub epoch: Instant,
    pub threads: usize,
}

impl Shared {
    pub fn idle_for(&self) -> Duration {
        if self.busy.load(Ordering::Relaxed) > 0 {
            return Duration::ZERO;
        }
        let last = self.last_done_ms.load(Ordering::Relaxed);
        self.epoch.elapsed().saturating_sub(Duration::from_millis(last))
    }
}

/// A pool of hashing threads that lives as long as the value.
pub struct HashPool {
    tx: Option<Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
    shared: Arc<Shared>,
}

impl Default for HashPool {
    fn default() -> Self {
        HashPool::new(thread::available_parallelism().map(|n| n.get()).unwrap_or(4))
    }
}

impl HashPool {
    /// Starts `threads` workers (at least one).
    pub fn new(threads: usize) -> HashPool {
        let threads = threads.max(1);
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let shared = Arc::new(Shared {
            busy: AtomicUsize::new(0),
            last_done_ms: AtomicU64::new(0),
            epoch: Instant::now(),
            threads,
        });
        let calib = Arc::new(Calibration::new());
        let workers = (0..threads)
            .map(|id| {
                let rx = rx.clone();
                let shared = shared.clone();
                let calib = calib.clone();
                thread::Builder::new()
                    .name(format!("cdc-hash-{id}"))
                    .spawn(move || worker(id, rx, shared, calib))
                    .expect("spawn hash worker")
            })
            .collect();
        HashPool { tx: Some(tx), workers, shared }
    }

    pub fn threads(&self) -> usize {
        self.shared.threads
    }

    /// SHA-256 of each `(offset, len)` range of `data`, in input order.
    pub fn hash_ranges(&self, data: Arc<Vec<u8>>, ranges: &[(usize, usize)]) -> Vec<[u8; 32]> {
        if ranges.is_empty() {
            return Vec::new();
        }
        let (rtx, rrx) = mpsc::channel();
        let per = (ranges.len() + self.shared.threads - 1) / self.shared.threads;
        let indexed: Vec<(usize, usize, usize)> =
            ranges.iter().enumerate().map(|(i, &(o, l))| (i, o, l)).collect();
        for batch in indexed.chunks(per.max(1)) {
            self.shared.busy.fetch_add(1, Ordering::SeqCst);
            let job = Job { data: data.clone(), ranges: batch.to_vec(), reply: rtx.clone() };
            self.tx.as_ref().expect("pool alive").send(job).expect("workers alive");
        }
        drop(rtx);
        let mut out = vec![[0u8; 32]; ranges.len()];
        for (i, d) in rrx {
            out[i] = d;
        }
        out
    }
}

impl Drop for HashPool {
    fn drop(&mut self) {
        drop(self.tx.take());
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

fn worker(id: usize, rx: Arc<Mutex<Receiver<Job>>>, shared: Arc<Shared>, calib: Arc<Calibration>) {
    loop {
        let msg = {
            let guard = match rx.lock() {
                Ok(g) => g,
                Err(_) => return,
            };
            guard.recv_timeout(IDLE_TICK)
        };
        match msg {
            Ok(job) => {
                for &(i, o, l) in &job.ranges {
                    let d: [u8; 32] = Sha256::digest(&job.data[o..o + l]).into();
                    let _ = job.reply.send((i, d));
                }
                let ms = shared.epoch.elapsed().as_millis() as u64;
                shared.last_done_ms.store(ms, Ordering::Relaxed);
                shared.busy.fetch_sub(1, Ordering::SeqCst);
            }
            Err(RecvTimeoutError::Timeout) => calib.idle_slice(id, &shared),
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}
