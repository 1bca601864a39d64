//! Minimal DNS wire format: one-question queries and answer parsing.

pub const TYPE_A: u16 = 1;
pub const TYPE_NS: u16 = 2;
pub const TYPE_TXT: u16 = 16;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rdata {
    A([u8; 4]),
    Txt(Vec<Vec<u8>>),
    Other(u16),
}

pub fn build_query(id: u16, name: &str, qtype: u16) -> Vec<u8> {
    let mut q = Vec::with_capacity(32 + name.len());
    q.extend_from_slice(&id.to_be_bytes());
    q.extend_from_slice(&[0x01, 0x00]); // RD
    q.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 0]);
    for label in name.trim_end_matches('.').split('.') {
        if label.is_empty() {
            continue;
        }
        let l = &label.as_bytes()[..label.len().min(63)];
        q.push(l.len() as u8);
        q.extend_from_slice(l);
    }
    q.push(0);
    q.extend_from_slice(&qtype.to_be_bytes());
    q.extend_from_slice(&1u16.to_be_bytes()); // IN
    q
}

fn skip_name(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        let len = *b.get(i)? as usize;
        if len == 0 {
            return Some(i + 1);
        }
        if len & 0xc0 == 0xc0 {
            return Some(i + 2);
        }
        i += 1 + len;
    }
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?]))
}

/// Parses the answer section of a response to a query with id `id`.
pub fn parse_answers(b: &[u8], id: u16) -> Option<Vec<Rdata>> {
    if b.len() < 12 || u16_at(b, 0)? != id || b[2] & 0x80 == 0 {
        return None;
    }
    let rcode = b[3] & 0x0f;
    if rcode != 0 {
        return Some(Vec::new());
    }
    let qd = u16_at(b, 4)?;
    let an = u16_at(b, 6)?;
    let mut i = 12;
    for _ in 0..qd {
        i = skip_name(b, i)? + 4;
    }
    let mut out = Vec::new();
    for _ in 0..an {
        i = skip_name(b, i)?;
        let ty = u16_at(b, i)?;
        let rdlen = u16_at(b, i + 8)? as usize;
        let rd = b.get(i + 10..i + 10 + rdlen)?;
        out.push(match ty {
            TYPE_A if rdlen == 4 => Rdata::A([rd[0], rd[1], rd[2], rd[3]]),
            TYPE_TXT => {
                let mut parts = Vec::new();
                let mut j = 0;
                while j < rd.len() {
                    let l = rd[j] as usize;
                    parts.push(rd.get(j + 1..j + 1 + l)?.to_vec());
                    j += 1 + l;
                }
                Rdata::Txt(parts)
            }
            t => Rdata::Other(t),
        });
        i += 10 + rdlen;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_layout() {
        let q = build_query(0x1234, "a.example.org", TYPE_A);
        assert_eq!(&q[..2], &[0x12, 0x34]);
        assert_eq!(&q[12..14], &[1, b'a']);
        assert_eq!(&q[q.len() - 4..], &[0, 1, 0, 1]);
    }
}
