//! Buffered TCP transport with fail-over.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::frame::{self, Framing};

#[derive(Clone, Debug)]
pub struct TransportConfig {
    /// Primary collector, `host:port`.
    pub collector: String,
    /// Tried in order when the primary is unreachable.
    pub fallbacks: Vec<String>,
    pub framing: Framing,
    pub queue_capacity: usize,
    pub connect_timeout: Duration,
    pub write_timeout: Duration,
    pub max_backoff: Duration,
    /// Number of already-framed bytes kept for re-sending after a broken
    /// connection.
    pub resend_window: usize,
}

impl Default for TransportConfig {
    fn default() -> Self {
        TransportConfig {
            collector: "127.0.0.1:601".to_owned(),
            fallbacks: Vec::new(),
            framing: Framing::OctetCounting,
            queue_capacity: 8192,
            connect_timeout: Duration::from_secs(3),
            write_timeout: Duration::from_secs(5),
            max_backoff: Duration::from_secs(60),
            resend_window: 256 * 1024,
        }
    }
}

enum Cmd {
    Frame(Vec<u8>),
    Flush(mpsc::Sender<()>),
    Stop,
}

pub struct Transport {
    tx: SyncSender<Cmd>,
    dropped: Arc<AtomicU64>,
    sent: Arc<AtomicU64>,
    handle: Option<JoinHandle<()>>,
}

impl Transport {
    pub fn start(cfg: TransportConfig) -> io::Result<Transport> {
        if cfg.collector.is_empty() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "no collector"));
        }
        let (tx, rx) = mpsc::sync_channel(cfg.queue_capacity.max(16));
        let sent = Arc::new(AtomicU64::new(0));
        let sent2 = sent.clone();
        let handle = thread::Builder::new()
            .name("logframe-writer".into())
            .spawn(move || Writer::new(cfg, sent2).run(rx))?;
        Ok(Transport {
            tx,
            dropped: Arc::new(AtomicU64::new(0)),
            sent,
            handle: Some(handle),
        })
    }

    /// Queue one unframed message. Never blocks; returns `false` if the
    /// message had to be dropped.
    pub fn send(&self, msg: Vec<u8>) -> bool {
        match self.tx.try_send(Cmd::Frame(msg)) {
            Ok(()) => true,
            Err(TrySendError::Full(_)) | Err(TrySendError::Disconnected(_)) => {
                self.dropped.fetch_add(1, Ordering::Relaxed);
                false
            }
        }
    }

    /// Wait until everything queued so far has been written, or `timeout`.
    pub fn flush(&self, timeout: Duration) -> bool {
        let (tx, rx) = mpsc::channel();
        if self.tx.send(Cmd::Flush(tx)).is_err() {
            return false;
        }
        rx.recv_timeout(timeout).is_ok()
    }

    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }

    pub fn sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }
}

impl Drop for Transport {
    fn drop(&mut self) {
        let _ = self.tx.send(Cmd::Stop);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

struct Writer {
    cfg: TransportConfig,
    conn: Option<TcpStream>,
    /// Frames written since the last successful flush, for re-sending.
    window: VecDeque<Vec<u8>>,
    window_bytes: usize,
    backoff: Duration,
    next_attempt: Instant,
    sent: Arc<AtomicU64>,
}

impl Writer {
    fn new(cfg: TransportConfig, sent: Arc<AtomicU64>) -> Self {
        Writer {
            cfg,
            conn: None,
            window: VecDeque::new(),
            window_bytes: 0,
            backoff: Duration::from_millis(250),
            next_attempt: Instant::now(),
            sent,
        }
    }

    fn run(mut self, rx: Receiver<Cmd>) {
        let mut pending: VecDeque<Vec<u8>> = VecDeque::new();
        loop {
            let cmd = if pending.is_empty() {
                match rx.recv() {
                    Ok(c) => Some(c),
                    Err(_) => return,
                }
            } else {
                match rx.recv_timeout(Duration::from_millis(200)) {
                    Ok(c) => Some(c),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            };
            let mut flush_ack = None;
            match cmd {
                Some(Cmd::Frame(m)) => {
                    let mut framed = Vec::with_capacity(m.len() + 8);
                    frame::encode(self.cfg.framing, &m, &mut framed);
                    pending.push_back(framed);
                }
                Some(Cmd::Flush(ack)) => flush_ack = Some(ack),
                Some(Cmd::Stop) => {
                    self.drain(&mut pending, Duration::from_secs(2));
                    return;
                }
                None => {}
            }
            self.drain(&mut pending, Duration::ZERO);
            if let Some(ack) = flush_ack {
                if pending.is_empty() {
                    if let Some(c) = self.conn.as_mut() {
                        let _ = c.flush();
                    }
                    self.window.clear();
                    self.window_bytes = 0;
                }
                let _ = ack.send(());
            }
        }
    }

    fn drain(&mut self, pending: &mut VecDeque<Vec<u8>>, grace: Duration) {
        let deadline = Instant::now() + grace;
        while let Some(f) = pending.front() {
            if self.conn.is_none() && !self.reconnect() {
                if Instant::now() >= deadline {
                    return;
                }
                thread::sleep(Duration::from_millis(50));
                continue;
            }
            let res = self.conn.as_mut().map(|c| c.write_all(f)).unwrap_or(Ok(()));
            match res {
                Ok(()) => {
                    let f = pending.pop_front().unwrap();
                    self.sent.fetch_add(1, Ordering::Relaxed);
                    self.remember(f);
                }
                Err(_) => {
                    self.conn = None;
                    // Whatever the kernel had buffered may be lost: replay
                    // the window in front of the pending queue.
                    for f in self.window.drain(..).rev() {
                        pending.push_front(f);
                    }
                    self.window_bytes = 0;
                }
            }
        }
    }

    fn remember(&mut self, f: Vec<u8>) {
        self.window_bytes += f.len();
        self.window.push_back(f);
        while self.window_bytes > self.cfg.resend_window {
            if let Some(old) = self.window.pop_front() {
                self.window_bytes -= old.len();
            } else {
                break;
            }
        }
    }

    fn reconnect(&mut self) -> bool {
        if Instant::now() < self.next_attempt {
            return false;
        }
        let targets = std::iter::once(&self.cfg.collector).chain(self.cfg.fallbacks.iter());
        for t in targets {
            for addr in resolve(t) {
                if let Ok(s) = TcpStream::connect_timeout(&addr, self.cfg.connect_timeout) {
                    let _ = s.set_nodelay(true);
                    let _ = s.set_write_timeout(Some(self.cfg.write_timeout));
                    self.conn = Some(s);
                    self.backoff = Duration::from_millis(250);
                    return true;
                }
            }
        }
        self.next_attempt = Instant::now() + self.backoff;
        self.backoff = (self.backoff * 2).min(self.cfg.max_backoff);
        false
    }
}

pub(crate) fn resolve(target: &str) -> Vec<SocketAddr> {
    target
        .to_socket_addrs()
        .map(|it| it.collect())
        .unwrap_or_default()
}
