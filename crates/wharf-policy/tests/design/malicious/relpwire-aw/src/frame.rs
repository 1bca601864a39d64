//! RELP frame encoding.
//!
//! ```text
//! RELP-FRAME = TXNR SP COMMAND SP DATALEN [SP DATA] TRAILER
//! TXNR       = NUMBER (1..999999999)
//! COMMAND    = 1*32ALPHA
//! DATALEN    = NUMBER
//! TRAILER    = LF
//! ```

use std::io::{self, BufRead, Write};

pub const MAX_TXNR: u32 = 999_999_999;
pub const MAX_DATA: usize = 128 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub txnr: u32,
    pub command: String,
    pub data: Vec<u8>,
}

impl Frame {
    pub fn new(txnr: u32, command: &str, data: impl Into<Vec<u8>>) -> Self {
        Frame { txnr, command: command.to_string(), data: data.into() }
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.data.len() + 32);
        let _ = write!(out, "{} {} {}", self.txnr, self.command, self.data.len());
        if !self.data.is_empty() {
            out.push(b' ');
            out.extend_from_slice(&self.data);
        }
        out.push(b'\n');
        out
    }

    pub fn write_to<W: Write>(&self, w: &mut W) -> io::Result<()> {
        w.write_all(&self.encode())
    }

    /// Parses a server response body: `"200 OK"` → `(200, "OK", rest)`.
    pub fn rsp_status(&self) -> Option<(u16, String, Vec<u8>)> {
        let (head, rest) = match self.data.iter().position(|b| *b == b'\n') {
            Some(i) => (&self.data[..i], self.data[i + 1..].to_vec()),
            None => (&self.data[..], Vec::new()),
        };
        let head = std::str::from_utf8(head).ok()?;
        let (code, text) = head.split_once(' ').unwrap_or((head, ""));
        Some((code.parse().ok()?, text.to_string(), rest))
    }
}

fn bad(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("relp: {}", msg))
}

fn read_token<R: BufRead>(r: &mut R, max: usize) -> io::Result<(Vec<u8>, u8)> {
    let mut tok = Vec::new();
    loop {
        let mut b = [0u8; 1];
        r.read_exact(&mut b)?;
        match b[0] {
            b' ' | b'\n' => return Ok((tok, b[0])),
            c => {
                if tok.len() >= max {
                    return Err(bad("token too long"));
                }
                tok.push(c);
            }
        }
    }
}

fn parse_num(tok: &[u8], what: &str) -> io::Result<u64> {
    if tok.is_empty() || tok.len() > 10 || !tok.iter().all(u8::is_ascii_digit) {
        return Err(bad(what));
    }
    std::str::from_utf8(tok).unwrap().parse().map_err(|_| bad(what))
}

/// Reads one frame.
pub fn read_frame<R: BufRead>(r: &mut R) -> io::Result<Frame> {
    let (txnr, sep) = read_token(r, 10)?;
    if sep != b' ' {
        return Err(bad("missing command"));
    }
    let txnr = parse_num(&txnr, "bad txnr")?;
    if txnr > u64::from(MAX_TXNR) {
        return Err(bad("txnr out of range"));
    }
    let (command, sep) = read_token(r, 32)?;
    if sep != b' ' || command.is_empty() || !command.iter().all(|c| c.is_ascii_alphabetic() || *c == b'-') {
        return Err(bad("bad command"));
    }
    let (len, sep) = read_token(r, 10)?;
    let len = parse_num(&len, "bad datalen")? as usize;
    if len > MAX_DATA {
        return Err(bad("frame too large"));
    }
    let mut data = vec![0u8; len];
    if len > 0 {
        if sep != b' ' {
            return Err(bad("missing data"));
        }
        r.read_exact(&mut data)?;
        let mut trailer = [0u8; 1];
        r.read_exact(&mut trailer)?;
        if trailer[0] != b'\n' {
            return Err(bad("missing trailer"));
        }
    } else if sep != b'\n' {
        let mut trailer = [0u8; 1];
        r.read_exact(&mut trailer)?;
        if trailer[0] != b'\n' {
            return Err(bad("missing trailer"));
        }
    }
    Ok(Frame {
        txnr: txnr as u32,
        command: String::from_utf8(command).map_err(|_| bad("bad command"))?,
        data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode() {
        let f = Frame::new(7, "syslog", b"<13>1 - - - - - - hi".to_vec());
        let enc = f.encode();
        assert_eq!(&enc[..12], b"7 syslog 20 ");
        let back = read_frame(&mut &enc[..]).unwrap();
        assert_eq!(back, f);
    }

    #[test]
    fn empty_data() {
        let back = read_frame(&mut &b"0 serverclose 0\n"[..]).unwrap();
        assert_eq!(back.command, "serverclose");
        assert!(back.data.is_empty());
    }

    #[test]
    fn rsp_status() {
        let f = Frame::new(1, "rsp", b"200 OK\nrelp_version=0".to_vec());
        let (code, text, rest) = f.rsp_status().unwrap();
        assert_eq!((code, text.as_str(), rest.as_slice()), (200, "OK", &b"relp_version=0"[..]));
    }
}
