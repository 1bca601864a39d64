//! DNS message encoding/decoding (RFC 1035), just enough for discovery.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

pub const TYPE_A: u16 = 1;
pub const TYPE_CNAME: u16 = 5;
pub const TYPE_PTR: u16 = 12;
pub const TYPE_TXT: u16 = 16;
pub const TYPE_AAAA: u16 = 28;
pub const TYPE_SRV: u16 = 33;
pub const TYPE_OPT: u16 = 41;
const CLASS_IN: u16 = 1;

/// Decoding error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireError {
    Truncated,
    BadName,
    NameLoop,
    LabelTooLong,
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            WireError::Truncated => "message truncated",
            WireError::BadName => "malformed name",
            WireError::NameLoop => "compression loop",
            WireError::LabelTooLong => "label longer than 63 bytes",
        })
    }
}

impl std::error::Error for WireError {}

/// Resource record data we understand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RData {
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    Cname(String),
    Ptr(String),
    Srv { priority: u16, weight: u16, port: u16, target: String },
    Txt(Vec<Vec<u8>>),
    Other(u16, Vec<u8>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub name: String,
    pub ttl: u32,
    pub data: RData,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: u16,
    pub rcode: u8,
    pub truncated: bool,
    pub answers: Vec<Record>,
    pub additional: Vec<Record>,
}

fn push_name(out: &mut Vec<u8>, name: &str) -> Result<(), WireError> {
    for label in name.trim_end_matches('.').split('.') {
        if label.is_empty() {
            return Err(WireError::BadName);
        }
        if label.len() > 63 {
            return Err(WireError::LabelTooLong);
        }
        out.push(label.len() as u8);
        out.extend_from_slice(label.as_bytes());
    }
    out.push(0);
    Ok(())
}

/// Builds a recursive query for `name`/`qtype` with an EDNS0 OPT record.
pub fn build_query(id: u16, name: &str, qtype: u16) -> Result<Vec<u8>, WireError> {
    let mut q = Vec::with_capacity(64 + name.len());
    q.extend_from_slice(&id.to_be_bytes());
    q.extend_from_slice(&0x0100u16.to_be_bytes()); // RD
    q.extend_from_slice(&1u16.to_be_bytes()); // QDCOUNT
    q.extend_from_slice(&0u16.to_be_bytes());
    q.extend_from_slice(&0u16.to_be_bytes());
    q.extend_from_slice(&1u16.to_be_bytes()); // ARCOUNT (OPT)
    push_name(&mut q, name)?;
    q.extend_from_slice(&qtype.to_be_bytes());
    q.extend_from_slice(&CLASS_IN.to_be_bytes());
    // OPT: root name, type 41, class = UDP payload size, ttl = 0, rdlen = 0
    q.push(0);
    q.extend_from_slice(&TYPE_OPT.to_be_bytes());
    q.extend_from_slice(&1232u16.to_be_bytes());
    q.extend_from_slice(&0u32.to_be_bytes());
    q.extend_from_slice(&0u16.to_be_bytes());
    Ok(q)
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn u8(&mut self) -> Result<u8, WireError> {
        let b = *self.buf.get(self.pos).ok_or(WireError::Truncated)?;
        self.pos += 1;
        Ok(b)
    }
    fn u16(&mut self) -> Result<u16, WireError> {
        Ok(u16::from_be_bytes([self.u8()?, self.u8()?]))
    }
    fn u32(&mut self) -> Result<u32, WireError> {
        Ok(u32::from_be_bytes([self.u8()?, self.u8()?, self.u8()?, self.u8()?]))
    }
    fn bytes(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        let s = self.buf.get(self.pos..self.pos + n).ok_or(WireError::Truncated)?;
        self.pos += n;
        Ok(s)
    }
    fn name(&mut self) -> Result<String, WireError> {
        let (name, end) = read_name(self.buf, self.pos)?;
        self.pos = end;
        Ok(name)
    }
}

/// Reads a possibly compressed name at `pos`; returns it and the offset just
/// past it in the original (uncompressed) position.
fn read_name(buf: &[u8], mut pos: usize) -> Result<(String, usize), WireError> {
    let mut out = String::new();
    let mut end = None;
    let mut jumps = 0;
    loop {
        let len = *buf.get(pos).ok_or(WireError::Truncated)? as usize;
        match len & 0xC0 {
            0x00 if len == 0 => {
                pos += 1;
                break;
            }
            0x00 => {
                let l = buf.get(pos + 1..pos + 1 + len).ok_or(WireError::Truncated)?;
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&String::from_utf8_lossy(l));
                pos += 1 + len;
            }
            0xC0 => {
                let lo = *buf.get(pos + 1).ok_or(WireError::Truncated)? as usize;
                if end.is_none() {
                    end = Some(pos + 2);
                }
                jumps += 1;
                if jumps > 32 {
                    return Err(WireError::NameLoop);
                }
                pos = ((len & 0x3F) << 8) | lo;
            }
            _ => return Err(WireError::BadName),
        }
    }
    Ok((out, end.unwrap_or(pos)))
}

fn read_record(r: &mut Reader<'_>) -> Result<Option<Record>, WireError> {
    let name = r.name()?;
    let rtype = r.u16()?;
    let _class = r.u16()?;
    let ttl = r.u32()?;
    let rdlen = r.u16()? as usize;
    let start = r.pos;
    let data = match rtype {
        TYPE_A if rdlen == 4 => {
            let b = r.bytes(4)?;
            RData::A(Ipv4Addr::new(b[0], b[1], b[2], b[3]))
        }
        TYPE_AAAA if rdlen == 16 => {
            let b: [u8; 16] = r.bytes(16)?.try_into().unwrap();
            RData::Aaaa(Ipv6Addr::from(b))
        }
        TYPE_CNAME => RData::Cname(r.name()?),
        TYPE_PTR => RData::Ptr(r.name()?),
        TYPE_SRV => {
            let priority = r.u16()?;
            let weight = r.u16()?;
            let port = r.u16()?;
            RData::Srv { priority, weight, port, target: r.name()? }
        }
        TYPE_TXT => {
            let mut parts = Vec::new();
            let end = start + rdlen;
            while r.pos < end {
                let n = r.u8()? as usize;
                parts.push(r.bytes(n)?.to_vec());
            }
            RData::Txt(parts)
        }
        TYPE_OPT => {
            r.pos = start + rdlen;
            return Ok(None);
        }
        t => RData::Other(t, r.bytes(rdlen)?.to_vec()),
    };
    if r.pos != start + rdlen {
        r.pos = start + rdlen;
    }
    Ok(Some(Record { name, ttl, data }))
}

/// Parses a response message.
pub fn parse(buf: &[u8]) -> Result<Message, WireError> {
    let mut r = Reader { buf, pos: 0 };
    let id = r.u16()?;
    let flags = r.u16()?;
    let qd = r.u16()?;
    let an = r.u16()?;
    let ns = r.u16()?;
    let ar = r.u16()?;
    for _ in 0..qd {
        r.name()?;
        r.u16()?;
        r.u16()?;
    }
    let mut answers = Vec::with_capacity(an as usize);
    for _ in 0..an {
        if let Some(rec) = read_record(&mut r)? {
            answers.push(rec);
        }
    }
    for _ in 0..ns {
        read_record(&mut r)?;
    }
    let mut additional = Vec::new();
    for _ in 0..ar {
        if let Some(rec) = read_record(&mut r)? {
            additional.push(rec);
        }
    }
    Ok(Message {
        id,
        rcode: (flags & 0x000F) as u8,
        truncated: flags & 0x0200 != 0,
        answers,
        additional,
    })
}
