//! Client for the relay protocol.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use crate::auth;

pub struct Client {
    r: BufReader<TcpStream>,
    w: TcpStream,
}

#[derive(Debug)]
pub struct RunResult {
    pub code: Option<i32>,
    pub output: Vec<u8>,
    pub timed_out: bool,
    pub truncated: bool,
}

fn pct_encode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_graphic() && b != b'%' { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

impl Client {
    pub fn connect(addr: impl ToSocketAddrs, client_id: &str, key: &[u8]) -> io::Result<Client> {
        let s = TcpStream::connect(addr)?;
        s.set_read_timeout(Some(Duration::from_secs(120)))?;
        let w = s.try_clone()?;
        let mut c = Client { r: BufReader::new(s), w };
        let hello = c.line()?;
        let nonce_hex = hello
            .strip_prefix("HELLO cmdrelay/1 ")
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "not a cmdrelay server"))?;
        let nonce = hex::decode(nonce_hex.trim()).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        writeln!(c.w, "AUTH {client_id} {}", auth::respond(key, &nonce, client_id))?;
        match c.line()?.as_str() {
            "OK" => Ok(c),
            other => Err(io::Error::new(io::ErrorKind::PermissionDenied, other.to_owned())),
        }
    }

    fn line(&mut self) -> io::Result<String> {
        let mut l = String::new();
        self.r.read_line(&mut l)?;
        Ok(l.trim_end().to_owned())
    }

    pub fn list(&mut self) -> io::Result<Vec<String>> {
        writeln!(self.w, "LIST")?;
        let l = self.line()?;
        Ok(l.strip_prefix("NAMES").unwrap_or("").split_whitespace().map(String::from).collect())
    }

    pub fn run(&mut self, name: &str, args: &[&str]) -> io::Result<RunResult> {
        let enc: Vec<String> = args.iter().map(|a| pct_encode(a)).collect();
        writeln!(self.w, "RUN {name} {}", enc.join(" "))?;
        let l = self.line()?;
        let mut it = l.split_whitespace();
        if it.next() != Some("EXIT") {
            return Err(io::Error::new(io::ErrorKind::Other, l));
        }
        let code = it.next().and_then(|c| c.parse().ok());
        let len: usize = it.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        let rest: Vec<&str> = it.collect();
        let mut output = vec![0u8; len];
        self.r.read_exact(&mut output)?;
        Ok(RunResult { code, output, timed_out: rest.contains(&"timeout"), truncated: rest.contains(&"truncated") })
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = writeln!(self.w, "QUIT");
    }
}
