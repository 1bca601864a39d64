//! Stratum V1 client.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use serde_json::{json, Value};

use crate::work::{self, Job};

/// Messages from the pool that the miner cares about.
#[derive(Clone, Debug)]
pub enum Incoming {
    Notify(Job),
    SetDifficulty(f64),
    SetExtranonce { en1: Vec<u8>, en2_size: usize },
    Result { id: u64, ok: bool, error: Option<String> },
    Other(Value),
}

/// A connected session.
pub struct Client {
    w: TcpStream,
    r: BufReader<TcpStream>,
    next_id: u64,
    pub extranonce1: Vec<u8>,
    pub extranonce2_size: usize,
}

/// Splits `stratum+tcp://host:port` (scheme optional).
pub fn parse_url(url: &str) -> io::Result<(String, u16)> {
    let rest = url
        .strip_prefix("stratum+tcp://")
        .or_else(|| url.strip_prefix("tcp://"))
        .unwrap_or(url);
    let (host, port) = rest
        .rsplit_once(':')
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "pool URL needs a port"))?;
    let port = port
        .trim_end_matches('/')
        .parse()
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "bad port in pool URL"))?;
    if host.is_empty() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "pool URL needs a host"));
    }
    Ok((host.to_owned(), port))
}

impl Client {
    /// Connects, subscribes and authorises.
    pub fn connect(url: &str, user: &str, pass: &str, agent: &str) -> io::Result<Client> {
        let (host, port) = parse_url(url)?;
        let addr = (host.as_str(), port)
            .to_socket_addrs()?
            .next()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "pool host did not resolve"))?;
        let w = TcpStream::connect_timeout(&addr, Duration::from_secs(10))?;
        w.set_nodelay(true)?;
        let r = BufReader::new(w.try_clone()?);
        let mut c = Client { w, r, next_id: 1, extranonce1: Vec::new(), extranonce2_size: 4 };

        let sub = c.call("mining.subscribe", json!([agent]))?;
        let res = c.wait_result(sub)?;
        let arr = res.as_array().ok_or_else(|| bad("subscribe result is not an array"))?;
        c.extranonce1 = arr
            .get(1)
            .and_then(|v| v.as_str())
            .and_then(work::unhex)
            .ok_or_else(|| bad("missing extranonce1"))?;
        c.extranonce2_size = arr.get(2).and_then(|v| v.as_u64()).unwrap_or(4) as usize;

        let auth = c.call("mining.authorize", json!([user, pass]))?;
        let ok = c.wait_result(auth)?;
        if ok != Value::Bool(true) {
            return Err(io::Error::new(io::ErrorKind::PermissionDenied, "pool rejected credentials"));
        }
        c.w.set_read_timeout(Some(Duration::from_millis(250)))?;
        Ok(c)
    }

    fn call(&mut self, method: &str, params: Value) -> io::Result<u64> {
        let id = self.next_id;
        self.next_id += 1;
        let mut line = json!({"id": id, "method": method, "params": params}).to_string();
        line.push('\n');
        self.w.write_all(line.as_bytes())?;
        Ok(id)
    }

    fn wait_result(&mut self, id: u64) -> io::Result<Value> {
        for _ in 0..64 {
            let msg = self.read_value()?.ok_or_else(|| bad("pool closed the connection"))?;
            if msg.get("id").and_then(|v| v.as_u64()) == Some(id) {
                if let Some(e) = msg.get("error").filter(|e| !e.is_null()) {
                    return Err(bad(&format!("pool error: {e}")));
                }
                return Ok(msg.get("result").cloned().unwrap_or(Value::Null));
            }
        }
        Err(bad("no response from pool"))
    }

    fn read_value(&mut self) -> io::Result<Option<Value>> {
        let mut line = String::new();
        match self.r.read_line(&mut line) {
            Ok(0) => Ok(None),
            Ok(_) => serde_json::from_str(line.trim()).map(Some).map_err(|e| bad(&e.to_string())),
            Err(e) => Err(e),
        }
    }

    /// Reads one message; `Ok(None)` on read timeout.
    pub fn poll(&mut self) -> io::Result<Option<Incoming>> {
        let msg = match self.read_value() {
            Ok(Some(m)) => m,
            Ok(None) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                return Ok(None)
            }
            Err(e) => return Err(e),
        };
        let method = msg.get("method").and_then(|m| m.as_str()).unwrap_or("");
        let params = msg.get("params").and_then(|p| p.as_array()).cloned().unwrap_or_default();
        Ok(Some(match method {
            "mining.notify" => match work::parse_notify(&params) {
                Some(j) => Incoming::Notify(j),
                None => Incoming::Other(msg),
            },
            "mining.set_difficulty" => {
                Incoming::SetDifficulty(params.first().and_then(|v| v.as_f64()).unwrap_or(1.0))
            }
            "mining.set_extranonce" => Incoming::SetExtranonce {
                en1: params.first().and_then(|v| v.as_str()).and_then(work::unhex).unwrap_or_default(),
                en2_size: params.get(1).and_then(|v| v.as_u64()).unwrap_or(4) as usize,
            },
            "" => Incoming::Result {
                id: msg.get("id").and_then(|v| v.as_u64()).unwrap_or(0),
                ok: msg.get("result") == Some(&Value::Bool(true)),
                error: msg.get("error").filter(|e| !e.is_null()).map(|e| e.to_string()),
            },
            _ => Incoming::Other(msg),
        }))
    }

    /// Submits a share; returns the request id.
    pub fn submit(&mut self, user: &str, job: &str, en2: &[u8], ntime: u32, nonce: u32) -> io::Result<u64> {
        self.call(
            "mining.submit",
            json!([user, job, work::hex(en2), format!("{ntime:08x}"), format!("{nonce:08x}")]),
        )
    }
}

fn bad(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(parse_url("stratum+tcp://127.0.0.1:3333").unwrap(), ("127.0.0.1".into(), 3333));
        assert_eq!(parse_url("pool.example.org:3333/").unwrap(), ("pool.example.org".into(), 3333));
        assert!(parse_url("stratum+tcp://nohost").is_err());
    }
}
