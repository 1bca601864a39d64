//! Educational Stratum v1 SHA-256d CPU miner.
//!
//! Nothing runs until [`Miner::start`] is called with a caller-supplied
//! pool URL and credentials.

pub mod job;
pub mod stratum;

use std::io;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use job::Job;
use stratum::{Conn, Message};

pub type EventFn = Arc<dyn Fn(&Event) + Send + Sync>;

/// What the miner is doing; delivered to `MinerConfig::on_event`.
#[derive(Debug, Clone)]
pub enum Event {
    Connected(String),
    Subscribed { extranonce1: String, extranonce2_size: usize },
    Authorized(bool),
    Difficulty(f64),
    NewJob(String),
    ShareFound { job: String, nonce: u32 },
    ShareResult { accepted: bool, reason: Option<String> },
    Disconnected(String),
}

#[derive(Clone)]
pub struct MinerConfig {
    pub pool: String,
    pub user: String,
    pub password: String,
    pub threads: usize,
    pub duty_cycle: f32,
    pub agent: String,
    on_event: Option<EventFn>,
}

impl MinerConfig {
    pub fn new(pool: &str, user: &str, password: &str) -> Self {
        MinerConfig {
            pool: pool.to_owned(),
            user: user.to_owned(),
            password: password.to_owned(),
            threads: 1,
            duty_cycle: 1.0,
            agent: concat!("stratum-cpuminer/", env!("CARGO_PKG_VERSION")).to_owned(),
            on_event: None,
        }
    }

    /// Number of hashing threads (at least 1).
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = n.max(1);
        self
    }

    /// Fraction of wall time spent hashing (0.05..=1.0).
    pub fn duty_cycle(mut self, f: f32) -> Self {
        self.duty_cycle = f.clamp(0.05, 1.0);
        self
    }

    pub fn on_event(mut self, f: impl Fn(&Event) + Send + Sync + 'static) -> Self {
        self.on_event = Some(Arc::new(f));
        self
    }
}

#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub hashes: u64,
    pub hashrate: f64,
    pub accepted: u64,
    pub rejected: u64,
    pub difficulty: f64,
    pub job: Option<String>,
    pub uptime: Duration,
}

/// Work shared between the network thread and hashing threads.
struct Work {
    job: Job,
    extranonce1: Vec<u8>,
    extranonce2_size: usize,
    target_hi: u64,
    generation: u64,
}

struct Shared {
    stop: AtomicBool,
    hashes: AtomicU64,
    accepted: AtomicU64,
    rejected: AtomicU64,
    work: RwLock<Option<Arc<Work>>>,
    generation: AtomicU64,
    difficulty: Mutex<f64>,
    found: Mutex<Vec<(String, Vec<u8>, u32, u32)>>,
    started: Instant,
}

/// A running miner. Stops on [`Miner::stop`] or drop.
pub struct Miner {
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
}

impl Miner {
    pub fn start(cfg: MinerConfig) -> io::Result<Miner> {
        let conn = Conn::connect(&cfg.pool, Duration::from_secs(10))?;
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            hashes: AtomicU64::new(0),
            accepted: AtomicU64::new(0),
            rejected: AtomicU64::new(0),
            work: RwLock::new(None),
            generation: AtomicU64::new(0),
            difficulty: Mutex::new(1.0),
            found: Mutex::new(Vec::new()),
            started: Instant::now(),
        });
        let mut threads = Vec::new();
        let net_shared = shared.clone();
        let net_cfg = cfg.clone();
        threads.push(thread::Builder::new().name("miner-net".into()).spawn(move || net_loop(conn, net_cfg, net_shared))?);
        for i in 0..cfg.threads {
            let s = shared.clone();
            let duty = cfg.duty_cycle;
            let stride = cfg.threads as u32;
            threads.push(thread::Builder::new().name(format!("miner-hash-{i}")).spawn(move || hash_loop(s, i as u32, stride, duty))?);
        }
        Ok(Miner { shared, threads })
    }

    pub fn stats(&self) -> Stats {
        let s = &self.shared;
        let hashes = s.hashes.load(Ordering::Relaxed);
        let up = s.started.elapsed();
        Stats {
            hashes,
            hashrate: hashes as f64 / up.as_secs_f64().max(1e-3),
            accepted: s.accepted.load(Ordering::Relaxed),
            rejected: s.rejected.load(Ordering::Relaxed),
            difficulty: *s.difficulty.lock().unwrap(),
            job: s.work.read().unwrap().as_ref().map(|w| w.job.id.clone()),
            uptime: up,
        }
    }

    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.shared.stop.store(true, Ordering::Release);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

impl Drop for Miner {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn emit(cfg: &MinerConfig, e: Event) {
    if let Some(f) = &cfg.on_event {
        f(&e);
    }
}

fn net_loop(mut conn: Conn, cfg: MinerConfig, s: Arc<Shared>) {
    emit(&cfg, Event::Connected(cfg.pool.clone()));
    let sub_id = conn.request("mining.subscribe", json!([cfg.agent])).ok();
    let auth_id = conn.request("mining.authorize", json!([cfg.user, cfg.password])).ok();
    let mut extranonce1 = Vec::new();
    let mut en2_size = 4usize;
    let mut pending_submits: Vec<u64> = Vec::new();

    while !s.stop.load(Ordering::Acquire) {
        // Submit any shares the hashing threads found.
        let found: Vec<_> = std::mem::take(&mut *s.found.lock().unwrap());
        for (job_id, en2, ntime, nonce) in found {
            emit(&cfg, Event::ShareFound { job: job_id.clone(), nonce });
            let params = json!([cfg.user, job_id, hex::encode(en2), format!("{ntime:08x}"), format!("{nonce:08x}")]);
            if let Ok(id) = conn.request("mining.submit", params) {
                pending_submits.push(id);
            }
        }

        let msg = match conn.poll() {
            Ok(Some(m)) => m,
            Ok(None) => continue,
            Err(e) => {
                emit(&cfg, Event::Disconnected(e.to_string()));
                break;
            }
        };
        match msg {
            Message::Response { id, result, error } if Some(id) == sub_id => {
                extranonce1 = result.get(1).and_then(Value::as_str).and_then(|h| hex::decode(h).ok()).unwrap_or_default();
                en2_size = result.get(2).and_then(Value::as_u64).unwrap_or(4) as usize;
                let _ = error;
                emit(&cfg, Event::Subscribed { extranonce1: hex::encode(&extranonce1), extranonce2_size: en2_size });
            }
            Message::Response { id, result, .. } if Some(id) == auth_id => {
                emit(&cfg, Event::Authorized(result.as_bool().unwrap_or(false)));
            }
            Message::Response { id, result, error } => {
                if let Some(pos) = pending_submits.iter().position(|&p| p == id) {
                    pending_submits.remove(pos);
                    let ok = result.as_bool().unwrap_or(false);
                    if ok {
                        s.accepted.fetch_add(1, Ordering::Relaxed);
                    } else {
                        s.rejected.fetch_add(1, Ordering::Relaxed);
                    }
                    let reason = (!error.is_null()).then(|| error.to_string());
                    emit(&cfg, Event::ShareResult { accepted: ok, reason });
                }
            }
            Message::Notify { method, params } => match method.as_str() {
                "mining.set_difficulty" => {
                    let d = params.get(0).and_then(Value::as_f64).unwrap_or(1.0);
                    *s.difficulty.lock().unwrap() = d;
                    emit(&cfg, Event::Difficulty(d));
                }
                "mining.notify" => {
                    if let Some(job) = Job::from_notify(&params) {
                        emit(&cfg, Event::NewJob(job.id.clone()));
                        let gen = s.generation.fetch_add(1, Ordering::AcqRel) + 1;
                        let d = *s.difficulty.lock().unwrap();
                        *s.work.write().unwrap() = Some(Arc::new(Work {
                            job,
                            extranonce1: extranonce1.clone(),
                            extranonce2_size: en2_size,
                            target_hi: job::share_target_hi(d),
                            generation: gen,
                        }));
                    }
                }
                _ => {}
            },
        }
    }
    conn.shutdown();
}

fn hash_loop(s: Arc<Shared>, index: u32, stride: u32, duty: f32) {
    let mut current_gen = 0;
    let mut header = [0u8; 80];
    let mut en2 = Vec::new();
    let mut nonce = index;
    let mut work: Option<Arc<Work>> = None;
    let mut en2_counter: u64 = index as u64;

    while !s.stop.load(Ordering::Acquire) {
        if s.generation.load(Ordering::Acquire) != current_gen || work.is_none() {
            work = s.work.read().unwrap().clone();
            let Some(w) = &work else {
                thread::sleep(Duration::from_millis(100));
                continue;
            };
            current_gen = w.generation;
            en2_counter += stride as u64;
            en2 = en2_counter.to_be_bytes()[8 - w.extranonce2_size.min(8)..].to_vec();
            header = w.job.header(&w.job.merkle_root(&w.extranonce1, &en2));
            nonce = index;
        }
        let w = work.as_ref().unwrap();
        let slice_start = Instant::now();
        for _ in 0..20_000 {
            header[76..80].copy_from_slice(&nonce.to_le_bytes());
            let h = job::sha256d(&header);
            if job::meets(&h, w.target_hi) {
                s.found.lock().unwrap().push((w.job.id.clone(), en2.clone(), w.job.ntime, nonce));
            }
            nonce = nonce.wrapping_add(stride);
        }
        s.hashes.fetch_add(20_000, Ordering::Relaxed);
        if duty < 1.0 {
            let busy = slice_start.elapsed();
            thread::sleep(busy.mul_f32((1.0 - duty) / duty));
        }
    }
}
