//! DNS message encoding (queries) and decoding (responses).

use std::io;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordType {
    A,
    Aaaa,
    Txt,
    Cname,
    Other(u16),
}

impl RecordType {
    fn code(self) -> u16 {
        match self {
            RecordType::A => 1,
            RecordType::Cname => 5,
            RecordType::Txt => 16,
            RecordType::Aaaa => 28,
            RecordType::Other(c) => c,
        }
    }

    fn from_code(c: u16) -> Self {
        match c {
            1 => RecordType::A,
            5 => RecordType::Cname,
            16 => RecordType::Txt,
            28 => RecordType::Aaaa,
            c => RecordType::Other(c),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordData {
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    Txt(String),
    Cname(String),
    Raw(Vec<u8>),
}

#[derive(Clone, Debug)]
pub struct Record {
    pub name: String,
    pub rtype: RecordType,
    pub ttl: u32,
    pub data: RecordData,
}

pub(crate) struct Message {
    pub id: u16,
    pub truncated: bool,
    pub rcode: u8,
    pub answers: Vec<Record>,
}

static COUNTER: AtomicU16 = AtomicU16::new(0);

pub(crate) fn fresh_id() -> u16 {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    (nanos as u16) ^ COUNTER.fetch_add(0x9e37, Ordering::Relaxed) ^ (std::process::id() as u16)
}

fn bad(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_owned())
}

pub(crate) fn encode_name(out: &mut Vec<u8>, name: &str) -> io::Result<()> {
    for label in name.trim_end_matches('.').split('.') {
        if label.is_empty() || label.len() > 63 {
            return Err(bad("invalid label"));
        }
        out.push(label.len() as u8);
        out.extend_from_slice(label.as_bytes());
    }
    out.push(0);
    Ok(())
}

pub(crate) fn encode_query(id: u16, name: &str, qtype: RecordType) -> io::Result<Vec<u8>> {
    let mut p = Vec::with_capacity(64);
    p.extend_from_slice(&id.to_be_bytes());
    p.extend_from_slice(&[0x01, 0x00]); // RD
    p.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 1]); // 1 question, 1 additional (OPT)
    encode_name(&mut p, name)?;
    p.extend_from_slice(&qtype.code().to_be_bytes());
    p.extend_from_slice(&[0, 1]); // IN
    // EDNS0 OPT: root name, type 41, payload 1232
    p.extend_from_slice(&[0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 0]);
    Ok(p)
}

fn read_name(msg: &[u8], mut pos: usize) -> io::Result<(String, usize)> {
    let mut name = String::new();
    let mut jumped = false;
    let mut end = pos;
    for _ in 0..128 {
        let len = *msg.get(pos).ok_or_else(|| bad("name past end"))? as usize;
        if len == 0 {
            if !jumped {
                end = pos + 1;
            }
            return Ok((name, end));
        }
        if len & 0xc0 == 0xc0 {
            let lo = *msg.get(pos + 1).ok_or_else(|| bad("pointer past end"))? as usize;
            if !jumped {
                end = pos + 2;
            }
            pos = ((len & 0x3f) << 8) | lo;
            jumped = true;
            continue;
        }
        let label = msg.get(pos + 1..pos + 1 + len).ok_or_else(|| bad("label past end"))?;
        if !name.is_empty() {
            name.push('.');
        }
        name.push_str(&String::from_utf8_lossy(label));
        pos += 1 + len;
    }
    Err(bad("compression loop"))
}

fn u16_at(m: &[u8], i: usize) -> io::Result<u16> {
    Ok(u16::from_be_bytes([*m.get(i).ok_or_else(|| bad("short"))?, *m.get(i + 1).ok_or_else(|| bad("short"))?]))
}

pub(crate) fn parse(m: &[u8]) -> io::Result<Message> {
    if m.len() < 12 {
        return Err(bad("short header"));
    }
    let id = u16_at(m, 0)?;
    let flags = u16_at(m, 2)?;
    let qd = u16_at(m, 4)? as usize;
    let an = u16_at(m, 6)? as usize;
    let mut pos = 12;
    for _ in 0..qd {
        let (_, p) = read_name(m, pos)?;
        pos = p + 4;
    }
    let mut answers = Vec::with_capacity(an);
    for _ in 0..an {
        let (name, p) = read_name(m, pos)?;
        let rtype = RecordType::from_code(u16_at(m, p)?);
        let ttl = u32::from(u16_at(m, p + 4)?) << 16 | u32::from(u16_at(m, p + 6)?);
        let rdlen = u16_at(m, p + 8)? as usize;
        let rd = m.get(p + 10..p + 10 + rdlen).ok_or_else(|| bad("rdata past end"))?;
        let data = match rtype {
            RecordType::A if rdlen == 4 => RecordData::A(Ipv4Addr::new(rd[0], rd[1], rd[2], rd[3])),
            RecordType::Aaaa if rdlen == 16 => {
                let mut b = [0u8; 16];
                b.copy_from_slice(rd);
                RecordData::Aaaa(Ipv6Addr::from(b))
            }
            RecordType::Txt => {
                let mut s = String::new();
                let mut i = 0;
                while i < rd.len() {
                    let l = rd[i] as usize;
                    s.push_str(&String::from_utf8_lossy(rd.get(i + 1..i + 1 + l).unwrap_or(&[])));
                    i += 1 + l;
                }
                RecordData::Txt(s)
            }
            RecordType::Cname => RecordData::Cname(read_name(m, p + 10)?.0),
            _ => RecordData::Raw(rd.to_vec()),
        };
        answers.push(Record { name, rtype, ttl, data });
        pos = p + 10 + rdlen;
    }
    Ok(Message { id, truncated: flags & 0x0200 != 0, rcode: (flags & 0x000f) as u8, answers })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_layout() {
        let q = encode_query(0x1234, "example.com", RecordType::A).unwrap();
        assert_eq!(&q[..2], &[0x12, 0x34]);
        assert_eq!(&q[12..25], b"\x07example\x03com\x00");
    }

    #[test]
    fn parses_compressed_answer() {
        let mut m = vec![0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0];
        m.extend_from_slice(b"\x07example\x03com\x00\x00\x01\x00\x01");
        m.extend_from_slice(&[0xc0, 12, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 192, 0, 2, 7]);
        let msg = parse(&m).unwrap();
        assert_eq!(msg.answers[0].name, "example.com");
        assert_eq!(msg.answers[0].ttl, 3600);
        assert_eq!(msg.answers[0].data, RecordData::A(Ipv4Addr::new(192, 0, 2, 7)));
    }
}
