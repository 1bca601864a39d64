//! DNS wire format (RFC 1035), only what a stub resolver needs.

use std::net::{Ipv4Addr, Ipv6Addr};

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum RType {
    A = 1,
    Mx = 15,
    Txt = 16,
    Aaaa = 28,
}

#[derive(Clone, Debug)]
pub enum Answer {
    A(Ipv4Addr, u32),
    Aaaa(Ipv6Addr, u32),
    Txt(String, u32),
    Mx(u16, String, u32),
}

impl Answer {
    pub fn ttl(&self) -> u32 {
        match self {
            Answer::A(_, t) | Answer::Aaaa(_, t) | Answer::Txt(_, t) | Answer::Mx(_, _, t) => *t,
        }
    }
}

pub fn build_query(id: u16, name: &str, t: RType) -> Vec<u8> {
    let mut q = Vec::with_capacity(32 + name.len());
    q.extend_from_slice(&id.to_be_bytes());
    q.extend_from_slice(&[0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]); // RD, 1 question
    for label in name.trim_end_matches('.').split('.') {
        q.push(label.len().min(63) as u8);
        q.extend_from_slice(&label.as_bytes()[..label.len().min(63)]);
    }
    q.push(0);
    q.extend_from_slice(&(t as u16).to_be_bytes());
    q.extend_from_slice(&[0, 1]);
    q
}

fn read_name(msg: &[u8], mut pos: usize) -> Option<(String, usize)> {
    let mut out = Vec::new();
    let mut end = None;
    for _ in 0..64 {
        let len = *msg.get(pos)? as usize;
        if len == 0 {
            return Some((out.join("."), end.unwrap_or(pos + 1)));
        }
        if len & 0xc0 == 0xc0 {
            let ptr = ((len & 0x3f) << 8) | *msg.get(pos + 1)? as usize;
            end.get_or_insert(pos + 2);
            pos = ptr;
            continue;
        }
        out.push(String::from_utf8_lossy(msg.get(pos + 1..pos + 1 + len)?).into_owned());
        pos += 1 + len;
    }
    None
}

pub fn parse_response(msg: &[u8], id: u16) -> Option<Vec<Answer>> {
    if msg.len() < 12 || u16::from_be_bytes([msg[0], msg[1]]) != id {
        return None;
    }
    let qd = u16::from_be_bytes([msg[4], msg[5]]);
    let an = u16::from_be_bytes([msg[6], msg[7]]);
    let mut pos = 12;
    for _ in 0..qd {
        pos = read_name(msg, pos)?.1 + 4;
    }
    let mut out = Vec::new();
    for _ in 0..an {
        pos = read_name(msg, pos)?.1;
        let t = u16::from_be_bytes([*msg.get(pos)?, *msg.get(pos + 1)?]);
        let ttl = u32::from_be_bytes(msg.get(pos + 4..pos + 8)?.try_into().ok()?);
        let rdlen = u16::from_be_bytes([*msg.get(pos + 8)?, *msg.get(pos + 9)?]) as usize;
        let rd = msg.get(pos + 10..pos + 10 + rdlen)?;
        match t {
            1 if rdlen == 4 => out.push(Answer::A(Ipv4Addr::new(rd[0], rd[1], rd[2], rd[3]), ttl)),
            28 if rdlen == 16 => out.push(Answer::Aaaa(Ipv6Addr::from(<[u8; 16]>::try_from(rd).ok()?), ttl)),
            16 => {
                let mut s = String::new();
                let mut i = 0;
                while i < rd.len() {
                    let l = rd[i] as usize;
                    s.push_str(&String::from_utf8_lossy(rd.get(i + 1..i + 1 + l)?));
                    i += 1 + l;
                }
                out.push(Answer::Txt(s, ttl));
            }
            15 => {
                let pref = u16::from_be_bytes([rd[0], rd[1]]);
                let (host, _) = read_name(msg, pos + 12)?;
                out.push(Answer::Mx(pref, host, ttl));
            }
            _ => {}
        }
        pos += 10 + rdlen;
    }
    Some(out)
}
