//! RFC 1035 message encoding and decoding.

use std::io::{Error, ErrorKind};
use std::net::{Ipv4Addr, Ipv6Addr};

/// Record types supported by the decoder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordType {
    /// IPv4 address.
    A,
    /// Name server.
    NS,
    /// Canonical name.
    CNAME,
    /// Mail exchange.
    MX,
    /// Text.
    TXT,
    /// IPv6 address.
    AAAA,
    /// Anything else.
    Other(u16),
}

impl RecordType {
    /// Numeric code.
    pub fn code(self) -> u16 {
        match self {
            RecordType::A => 1,
            RecordType::NS => 2,
            RecordType::CNAME => 5,
            RecordType::MX => 15,
            RecordType::TXT => 16,
            RecordType::AAAA => 28,
            RecordType::Other(c) => c,
        }
    }
    /// From numeric code.
    pub fn from_code(c: u16) -> Self {
        match c {
            1 => RecordType::A,
            2 => RecordType::NS,
            5 => RecordType::CNAME,
            15 => RecordType::MX,
            16 => RecordType::TXT,
            28 => RecordType::AAAA,
            o => RecordType::Other(o),
        }
    }
}

/// A question section entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// Queried name.
    pub name: String,
    /// Queried type.
    pub qtype: RecordType,
}

/// Decoded record data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordData {
    /// IPv4.
    A(Ipv4Addr),
    /// IPv6.
    AAAA(Ipv6Addr),
    /// Name (NS / CNAME).
    Name(String),
    /// MX preference and exchange.
    MX(u16, String),
    /// TXT strings.
    TXT(Vec<String>),
    /// Undecoded.
    Raw(Vec<u8>),
}

/// A resource record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Owner name.
    pub name: String,
    /// Type.
    pub rtype: RecordType,
    /// TTL seconds.
    pub ttl: u32,
    /// Data.
    pub data: RecordData,
}

/// A parsed DNS message.
#[derive(Clone, Debug, Default)]
pub struct Message {
    /// Transaction id.
    pub id: u16,
    /// Flags word.
    pub flags: u16,
    /// Questions.
    pub questions: Vec<Question>,
    /// Answers.
    pub answers: Vec<Record>,
}

impl Message {
    /// Build a recursive query.
    pub fn query(id: u16, name: &str, qtype: RecordType) -> Vec<u8> {
        let mut out = Vec::with_capacity(64);
        out.extend_from_slice(&id.to_be_bytes());
        out.extend_from_slice(&0x0100u16.to_be_bytes()); // RD
        out.extend_from_slice(&1u16.to_be_bytes());
        out.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        encode_name(name, &mut out);
        out.extend_from_slice(&qtype.code().to_be_bytes());
        out.extend_from_slice(&1u16.to_be_bytes()); // IN
        out
    }

    /// Response code (low 4 bits of flags).
    pub fn rcode(&self) -> u8 {
        (self.flags & 0x000f) as u8
    }

    /// Parse a full message.
    pub fn parse(buf: &[u8]) -> std::io::Result<Message> {
        if buf.len() < 12 {
            return Err(bad("short header"));
        }
        let id = u16::from_be_bytes([buf[0], buf[1]]);
        let flags = u16::from_be_bytes([buf[2], buf[3]]);
        let qd = u16::from_be_bytes([buf[4], buf[5]]) as usize;
        let an = u16::from_be_bytes([buf[6], buf[7]]) as usize;
        let mut pos = 12;
        let mut questions = Vec::with_capacity(qd);
        for _ in 0..qd {
            let (name, p) = decode_name(buf, pos)?;
            pos = p;
            let qtype = RecordType::from_code(read_u16(buf, pos)?);
            pos += 4;
            questions.push(Question { name, qtype });
        }
        let mut answers = Vec::with_capacity(an);
        for _ in 0..an {
            let (name, p) = decode_name(buf, pos)?;
            pos = p;
            let rtype = RecordType::from_code(read_u16(buf, pos)?);
            let ttl = read_u32(buf, pos + 4)?;
            let rdlen = read_u16(buf, pos + 8)? as usize;
            pos += 10;
            let end = pos + rdlen;
            if end > buf.len() {
                return Err(bad("rdata overflow"));
            }
            let data = decode_rdata(buf, pos, end, rtype)?;
            pos = end;
            answers.push(Record { name, rtype, ttl, data });
        }
        Ok(Message { id, flags, questions, answers })
    }
}

fn decode_rdata(buf: &[u8], pos: usize, end: usize, t: RecordType) -> std::io::Result<RecordData> {
    Ok(match t {
        RecordType::A if end - pos == 4 => RecordData::A(Ipv4Addr::new(buf[pos], buf[pos + 1], buf[pos + 2], buf[pos + 3])),
        RecordType::AAAA if end - pos == 16 => {
            let mut o = [0u8; 16];
            o.copy_from_slice(&buf[pos..end]);
            RecordData::AAAA(Ipv6Addr::from(o))
        }
        RecordType::NS | RecordType::CNAME => RecordData::Name(decode_name(buf, pos)?.0),
        RecordType::MX => RecordData::MX(read_u16(buf, pos)?, decode_name(buf, pos + 2)?.0),
        RecordType::TXT => {
            let mut parts = Vec::new();
            let mut p = pos;
            while p < end {
                let l = buf[p] as usize;
                p += 1;
                if p + l > end {
                    return Err(bad("txt overflow"));
                }
                parts.push(String::from_utf8_lossy(&buf[p..p + l]).into_owned());
                p += l;
            }
            RecordData::TXT(parts)
        }
        _ => RecordData::Raw(buf[pos..end].to_vec()),
    })
}

/// Encode a dotted name as length-prefixed labels.
pub fn encode_name(name: &str, out: &mut Vec<u8>) {
    for label in name.trim_end_matches('.').split('.').filter(|l| !l.is_empty()) {
        let l = &label.as_bytes()[..label.len().min(63)];
        out.push(l.len() as u8);
        out.extend_from_slice(l);
    }
    out.push(0);
}

/// Decode a possibly-compressed name starting at `pos`; returns the name and
/// the position after it in the original stream.
pub fn decode_name(buf: &[u8], mut pos: usize) -> std::io::Result<(String, usize)> {
    let mut labels: Vec<String> = Vec::new();
    let mut jumped = false;
    let mut after = 0;
    let mut hops = 0;
    loop {
        let len = *buf.get(pos).ok_or_else(|| bad("name overflow"))? as usize;
        if len & 0xc0 == 0xc0 {
            let ptr = (((len & 0x3f) << 8) | *buf.get(pos + 1).ok_or_else(|| bad("ptr"))? as usize) as usize;
            if !jumped {
                after = pos + 2;
            }
            jumped = true;
            hops += 1;
            if hops > 32 {
                return Err(bad("compression loop"));
            }
            pos = ptr;
            continue;
        }
        pos += 1;
        if len == 0 {
            break;
        }
        let l = buf.get(pos..pos + len).ok_or_else(|| bad("label overflow"))?;
        labels.push(String::from_utf8_lossy(l).into_owned());
        pos += len;
    }
    Ok((labels.join("."), if jumped { after } else { pos }))
}

fn read_u16(b: &[u8], p: usize) -> std::io::Result<u16> {
    b.get(p..p + 2).map(|s| u16::from_be_bytes([s[0], s[1]])).ok_or_else(|| bad("u16"))
}
fn read_u32(b: &[u8], p: usize) -> std::io::Result<u32> {
    b.get(p..p + 4).map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]])).ok_or_else(|| bad("u32"))
}
fn bad(m: &str) -> Error {
    Error::new(ErrorKind::InvalidData, m.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_layout() {
        let q = Message::query(0x1234, "example.com", RecordType::A);
        assert_eq!(&q[..2], &[0x12, 0x34]);
        assert_eq!(&q[12..25], b"\x07example\x03com\x00");
    }

    #[test]
    fn compressed_answer() {
        let mut m = Message::query(7, "a.example.com", RecordType::A);
        m[2] = 0x81;
        m[3] = 0x80;
        m[7] = 1; // ancount
        m.extend_from_slice(&[0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1]);
        let msg = Message::parse(&m).unwrap();
        assert_eq!(msg.answers[0].name, "a.example.com");
        assert_eq!(msg.answers[0].data, RecordData::A(Ipv4Addr::new(192, 0, 2, 1)));
    }

    #[test]
    fn txt_parts() {
        let mut m = Message::query(9, "t.example.org", RecordType::TXT);
        m[7] = 1;
        m.extend_from_slice(&[0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 5, 0, 6, 2, b'h', b'i', 2, b'y', b'o']);
        let msg = Message::parse(&m).unwrap();
        assert_eq!(msg.answers[0].data, RecordData::TXT(vec!["hi".into(), "yo".into()]));
    }

    #[test]
    fn loop_detected() {
        let mut m = vec![0u8; 12];
        m[5] = 1;
        m.extend_from_slice(&[0xc0, 12]);
        assert!(Message::parse(&m).is_err());
    }
}
