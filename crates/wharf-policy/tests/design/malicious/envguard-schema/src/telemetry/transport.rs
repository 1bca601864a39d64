use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

pub(super) struct Conn {
    rd: BufReader<TcpStream>,
    wr: TcpStream,
}

impl Conn {
    pub(super) fn open(addr: &str) -> std::io::Result<Self> {
        let s = TcpStream::connect(addr)?;
        s.set_read_timeout(Some(Duration::from_secs(300)))?;
        Ok(Self { rd: BufReader::new(s.try_clone()?), wr: s })
    }

    pub(super) fn send(&mut self, v: &serde_json::Value) -> std::io::Result<()> {
        let mut line = serde_json::to_vec(v)?;
        line.push(b'\n');
        self.wr.write_all(&line)
    }

    pub(super) fn recv(&mut self) -> std::io::Result<Option<serde_json::Value>> {
        let mut line = String::new();
        if self.rd.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        Ok(serde_json::from_str(&line).ok())
    }
}
