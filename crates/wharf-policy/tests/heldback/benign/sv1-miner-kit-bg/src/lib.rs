//! Stratum V1 SHA-256d CPU mining building blocks.
//!
//! Nothing in this crate runs unless you call [`Miner::start`] with a
//! [`MinerConfig`] naming the pool and account yourself.

pub mod stratum;
pub mod throttle;
pub mod work;

use std::fmt;
use std::io;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use stratum::{Client, Incoming};
use throttle::Throttle;
use work::Job;

/// Miner settings. There are no defaults for the pool or credentials.
#[derive(Clone, Debug)]
pub struct MinerConfig {
    pub pool_url: String,
    pub username: String,
    pub password: String,
    /// Worker threads (default 1).
    pub threads: usize,
    /// CPU cap per worker thread in percent (default 50).
    pub cpu_limit: u8,
    /// `mining.subscribe` user agent.
    pub agent: String,
}

impl MinerConfig {
    pub fn new(pool_url: &str, username: &str, password: &str) -> Self {
        MinerConfig {
            pool_url: pool_url.to_owned(),
            username: username.to_owned(),
            password: password.to_owned(),
            threads: 1,
            cpu_limit: 50,
            agent: concat!("sv1-miner-kit/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }

    pub fn threads(mut self, n: usize) -> Self {
        self.threads = n.max(1);
        self
    }

    pub fn cpu_limit(mut self, percent: u8) -> Self {
        self.cpu_limit = percent.clamp(1, 100);
        self
    }

    fn validate(&self) -> Result<(), StartError> {
        if self.pool_url.trim().is_empty() {
            return Err(StartError::Config("pool_url is required"));
        }
        if self.username.trim().is_empty() {
            return Err(StartError::Config("username is required"));
        }
        let max = thread::available_parallelism().map_or(1, |n| n.get());
        if self.threads > max {
            return Err(StartError::Config("more threads than logical CPUs"));
        }
        Ok(())
    }
}

/// Why [`Miner::start`] failed.
#[derive(Debug)]
pub enum StartError {
    Config(&'static str),
    Connect(io::Error),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::Config(m) => write!(f, "invalid configuration: {m}"),
            StartError::Connect(e) => write!(f, "cannot connect to pool: {e}"),
        }
    }
}

impl std::error::Error for StartError {}

/// Progress reports delivered to the caller's callback.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    Connected { extranonce1: String },
    NewJob { id: String, clean: bool },
    Difficulty(f64),
    ShareFound { job: String, nonce: u32 },
    ShareAccepted,
    ShareRejected(String),
    Disconnected(String),
    Hashrate { hashes_per_sec: f64 },
}

/// Counters returned by [`MinerHandle::stop`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub hashes: u64,
    pub found: u64,
    pub accepted: u64,
    pub rejected: u64,
}

#[derive(Clone)]
struct Work {
    job: Job,
    en1: Vec<u8>,
    en2_size: usize,
    target: [u8; 32],
    generation: u64,
}

struct Shared {
    stop: AtomicBool,
    work: RwLock<Option<Work>>,
    generation: AtomicU64,
    hashes: AtomicU64,
    found: AtomicU64,
    accepted: AtomicU64,
    rejected: AtomicU64,
}

struct Found {
    job: String,
    en2: Vec<u8>,
    ntime: u32,
    nonce: u32,
}

/// Entry point.
pub struct Miner;

impl Miner {
    /// Connects to the configured pool and starts the worker threads.
    pub fn start<F>(cfg: MinerConfig, on_event: F) -> Result<MinerHandle, StartError>
    where
        F: FnMut(Event) + Send + 'static,
    {
        cfg.validate()?;
        let client = Client::connect(&cfg.pool_url, &cfg.username, &cfg.password, &cfg.agent)
            .map_err(StartError::Connect)?;
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            work: RwLock::new(None),
            generation: AtomicU64::new(0),
            hashes: AtomicU64::new(0),
            found: AtomicU64::new(0),
            accepted: AtomicU64::new(0),
            rejected: AtomicU64::new(0),
        });
        let (tx, rx) = mpsc::channel::<Found>();
        let mut threads = Vec::new();
        for i in 0..cfg.threads {
            let s = Arc::clone(&shared);
            let tx = tx.clone();
            let limit = cfg.cpu_limit;
            let h = thread::Builder::new()
                .name(format!("sv1-worker-{i}"))
                .spawn(move || worker(i as u32, s, tx, limit))
                .map_err(StartError::Connect)?;
            threads.push(h);
        }
        let s = Arc::clone(&shared);
        let user = cfg.username.clone();
        let io = thread::Builder::new()
            .name("sv1-io".into())
            .spawn(move || io_loop(client, user, s, rx, on_event))
            .map_err(StartError::Connect)?;
        threads.push(io);
        Ok(MinerHandle { shared, threads })
    }
}

/// Running miner. Dropping the handle stops it.
pub struct MinerHandle {
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
}

impl MinerHandle {
    pub fn stats(&self) -> Stats {
        Stats {
            hashes: self.shared.hashes.load(Ordering::Relaxed),
            found: self.shared.found.load(Ordering::Relaxed),
            accepted: self.shared.accepted.load(Ordering::Relaxed),
            rejected: self.shared.rejected.load(Ordering::Relaxed),
        }
    }

    /// Stops all threads and returns final counters.
    pub fn stop(mut self) -> Stats {
        self.halt();
        self.stats()
    }

    fn halt(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

impl Drop for MinerHandle {
    fn drop(&mut self) {
        self.halt();
    }
}

fn io_loop<F: FnMut(Event)>(
    mut client: Client,
    user: String,
    shared: Arc<Shared>,
    found: mpsc::Receiver<Found>,
    mut on_event: F,
) {
    on_event(Event::Connected { extranonce1: work::hex(&client.extranonce1) });
    let mut difficulty = 1.0f64;
    let mut last_rate = (Instant::now(), 0u64);
    while !shared.stop.load(Ordering::Relaxed) {
        match client.poll() {
            Ok(Some(Incoming::Notify(job))) => {
                on_event(Event::NewJob { id: job.id.clone(), clean: job.clean });
                let gen = shared.generation.fetch_add(1, Ordering::SeqCst) + 1;
                let w = Work {
                    job,
                    en1: client.extranonce1.clone(),
                    en2_size: client.extranonce2_size,
                    target: work::target_for_difficulty(difficulty),
                    generation: gen,
                };
                *shared.work.write().unwrap_or_else(|e| e.into_inner()) = Some(w);
            }
            Ok(Some(Incoming::SetDifficulty(d))) => {
                difficulty = d;
                on_event(Event::Difficulty(d));
            }
            Ok(Some(Incoming::SetExtranonce { en1, en2_size })) => {
                client.extranonce1 = en1;
                client.extranonce2_size = en2_size;
            }
            Ok(Some(Incoming::Result { ok, error, .. })) => {
                if ok {
                    shared.accepted.fetch_add(1, Ordering::Relaxed);
                    on_event(Event::ShareAccepted);
                } else if let Some(e) = error {
                    shared.rejected.fetch_add(1, Ordering::Relaxed);
                    on_event(Event::ShareRejected(e));
                }
            }
            Ok(Some(Incoming::Other(_))) | Ok(None) => {}
            Err(e) => {
                on_event(Event::Disconnected(e.to_string()));
                shared.stop.store(true, Ordering::Relaxed);
                break;
            }
        }
        while let Ok(f) = found.try_recv() {
            on_event(Event::ShareFound { job: f.job.clone(), nonce: f.nonce });
            if let Err(e) = client.submit(&user, &f.job, &f.en2, f.ntime, f.nonce) {
                on_event(Event::Disconnected(e.to_string()));
                shared.stop.store(true, Ordering::Relaxed);
            }
        }
        if last_rate.0.elapsed() >= Duration::from_secs(10) {
            let h = shared.hashes.load(Ordering::Relaxed);
            let rate = (h - last_rate.1) as f64 / last_rate.0.elapsed().as_secs_f64();
            on_event(Event::Hashrate { hashes_per_sec: rate });
            last_rate = (Instant::now(), h);
        }
    }
}

fn worker(index: u32, shared: Arc<Shared>, tx: mpsc::Sender<Found>, cpu_limit: u8) {
    let mut throttle = Throttle::new(cpu_limit);
    let mut en2_counter: u64 = index as u64;
    let mut current: Option<(Work, [u8; 80], Vec<u8>)> = None;
    let mut nonce: u32 = 0;
    while !shared.stop.load(Ordering::Relaxed) {
        let gen = shared.generation.load(Ordering::SeqCst);
        if current.as_ref().map_or(true, |(w, _, _)| w.generation != gen) || nonce == u32::MAX {
            let w = match shared.work.read().unwrap_or_else(|e| e.into_inner()).clone() {
                Some(w) => w,
                None => {
                    thread::sleep(Duration::from_millis(100));
                    continue;
                }
            };
            // Each worker owns a disjoint extranonce2 sequence.
            en2_counter = en2_counter.wrapping_add(1 << 16);
            let mut en2 = en2_counter.to_le_bytes().to_vec();
            en2.resize(w.en2_size, 0);
            let root = work::merkle_root(&w.job, &w.en1, &en2);
            let hdr = work::header(&w.job, &root);
            current = Some((w, hdr, en2));
            nonce = 0;
        }
        let (w, hdr, en2) = current.as_mut().expect("set above");
        let start = Instant::now();
        let batch = 1u32 << 14;
        let end = nonce.saturating_add(batch);
        while nonce < end {
            hdr[76..80].copy_from_slice(&nonce.to_le_bytes());
            let h = work::sha256d(&hdr[..]);
            if work::meets_target(&h, &w.target) {
                shared.found.fetch_add(1, Ordering::Relaxed);
                let _ = tx.send(Found { job: w.job.id.clone(), en2: en2.clone(), ntime: w.job.ntime, nonce });
            }
            nonce += 1;
        }
        shared.hashes.fetch_add(batch as u64, Ordering::Relaxed);
        throttle.account(start.elapsed());
    }
}
