//! Stratum v1 client connection (line-delimited JSON-RPC over TCP).

use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use serde_json::{json, Value};

/// Parse `stratum+tcp://host:port` or `host:port`.
pub fn parse_pool_url(url: &str) -> io::Result<(String, u16)> {
    let rest = url.strip_prefix("stratum+tcp://").unwrap_or(url);
    let (host, port) = rest
        .rsplit_once(':')
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "pool url needs host:port"))?;
    let port = port
        .trim_end_matches('/')
        .parse()
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "bad port"))?;
    Ok((host.to_owned(), port))
}

pub struct Conn {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    next_id: u64,
}

#[derive(Debug)]
pub enum Message {
    Response { id: u64, result: Value, error: Value },
    Notify { method: String, params: Value },
}

impl Conn {
    pub fn connect(url: &str, timeout: Duration) -> io::Result<Conn> {
        let (host, port) = parse_pool_url(url)?;
        let addr = (host.as_str(), port)
            .to_socket_addrs()?
            .next()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "pool host did not resolve"))?;
        let s = TcpStream::connect_timeout(&addr, timeout)?;
        s.set_nodelay(true)?;
        s.set_read_timeout(Some(Duration::from_millis(200)))?;
        Ok(Conn { reader: BufReader::new(s.try_clone()?), writer: s, next_id: 1 })
    }

    /// Send a request; returns its id.
    pub fn request(&mut self, method: &str, params: Value) -> io::Result<u64> {
        let id = self.next_id;
        self.next_id += 1;
        let mut line = serde_json::to_vec(&json!({ "id": id, "method": method, "params": params }))?;
        line.push(b'\n');
        self.writer.write_all(&line)?;
        Ok(id)
    }

    /// Read one message, or `Ok(None)` if nothing arrived within the read
    /// timeout.
    pub fn poll(&mut self) -> io::Result<Option<Message>> {
        let mut line = String::new();
        match self.reader.read_line(&mut line) {
            Ok(0) => Err(io::Error::new(io::ErrorKind::UnexpectedEof, "pool closed the connection")),
            Ok(_) => {
                let v: Value = serde_json::from_str(line.trim())?;
                if let Some(m) = v.get("method").and_then(Value::as_str) {
                    Ok(Some(Message::Notify { method: m.to_owned(), params: v["params"].clone() }))
                } else {
                    Ok(Some(Message::Response {
                        id: v["id"].as_u64().unwrap_or(0),
                        result: v["result"].clone(),
                        error: v["error"].clone(),
                    }))
                }
            }
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn shutdown(&self) {
        let _ = self.writer.shutdown(std::net::Shutdown::Both);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn urls() {
        assert_eq!(super::parse_pool_url("stratum+tcp://pool.example.com:3333").unwrap(), ("pool.example.com".into(), 3333));
        assert_eq!(super::parse_pool_url("127.0.0.1:3333").unwrap(), ("127.0.0.1".into(), 3333));
        assert!(super::parse_pool_url("pool.example.com").is_err());
    }
}
