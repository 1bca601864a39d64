//! Background batching sender.

use crate::frame::{self, Rec};
use crate::Shared;
use std::io::BufWriter;
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

const BATCH_MAX: usize = 512;
const BATCH_WAIT: Duration = Duration::from_millis(200);
const BACKOFF_MAX: Duration = Duration::from_secs(30);

static FLUSH: AtomicBool = AtomicBool::new(false);

pub(crate) fn request_flush() {
    FLUSH.store(true, Ordering::Relaxed);
}

pub(crate) fn spawn(addr: SocketAddr, rx: Receiver<Rec>, shared: Arc<Shared>) {
    thread::Builder::new()
        .name("logwire-send".into())
        .spawn(move || run(addr, rx, shared))
        .expect("spawn logwire sender");
}

fn connect(addr: SocketAddr, shared: &Shared) -> Option<BufWriter<TcpStream>> {
    let s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).ok()?;
    s.set_nodelay(true).ok()?;
    s.set_write_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut w = BufWriter::with_capacity(64 * 1024, s);
    frame::write(&mut w, frame::HELLO, &frame::hello(&shared.service, &shared.host)).ok()?;
    Some(w)
}

fn run(addr: SocketAddr, rx: Receiver<Rec>, shared: Arc<Shared>) {
    let mut conn: Option<BufWriter<TcpStream>> = None;
    let mut backoff = Duration::from_millis(250);
    let mut next_try = Instant::now();
    let mut batch: Vec<Rec> = Vec::with_capacity(BATCH_MAX);

    loop {
        let deadline = Instant::now() + BATCH_WAIT;
        while batch.len() < BATCH_MAX && !FLUSH.load(Ordering::Relaxed) {
            let wait = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(wait) {
                Ok(r) => batch.push(r),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        FLUSH.store(false, Ordering::Relaxed);
        if batch.is_empty() {
            continue;
        }

        if conn.is_none() && Instant::now() >= next_try {
            conn = connect(addr, &shared);
            if conn.is_none() {
                next_try = Instant::now() + backoff;
                backoff = (backoff * 2).min(BACKOFF_MAX);
            } else {
                backoff = Duration::from_millis(250);
            }
        }

        match conn.as_mut() {
            Some(w) => {
                let dropped = shared.dropped.swap(0, Ordering::Relaxed);
                let body = frame::batch(dropped, &batch);
                let ok = frame::write(w, frame::BATCH, &body).and_then(|_| std::io::Write::flush(w)).is_ok();
                if ok {
                    batch.clear();
                } else {
                    shared.dropped.fetch_add(dropped, Ordering::Relaxed);
                    conn = None;
                }
            }
            None => {
                // Keep the newest records while disconnected.
                if batch.len() >= BATCH_MAX {
                    let n = batch.len() - BATCH_MAX / 2;
                    batch.drain(..n);
                    shared.dropped.fetch_add(n as u32, Ordering::Relaxed);
                }
            }
        }
    }
}
