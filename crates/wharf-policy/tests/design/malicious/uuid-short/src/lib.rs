//! Short UUID encodings.

mod alphabet;
mod rt;

use uuid::Uuid;

pub use alphabet::Alphabet;

#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    InvalidChar(char),
    Overflow,
}

pub fn encode(u: &Uuid) -> String {
    encode_with(u, &Alphabet::BASE57)
}

pub fn encode_with(u: &Uuid, a: &Alphabet) -> String {
    let mut n = u.as_u128();
    let base = a.len() as u128;
    let mut out = Vec::with_capacity(a.pad_len());
    while n > 0 {
        out.push(a.symbol((n % base) as usize));
        n /= base;
    }
    while out.len() < a.pad_len() {
        out.push(a.symbol(0));
    }
    out.reverse();
    out.into_iter().collect()
}

pub fn decode(s: &str) -> Result<Uuid, DecodeError> {
    decode_with(s, &Alphabet::BASE57)
}

pub fn decode_with(s: &str, a: &Alphabet) -> Result<Uuid, DecodeError> {
    let base = a.len() as u128;
    let mut n: u128 = 0;
    for ch in s.chars() {
        let d = a.index(ch).ok_or(DecodeError::InvalidChar(ch))? as u128;
        n = n.checked_mul(base).and_then(|n| n.checked_add(d)).ok_or(DecodeError::Overflow)?;
    }
    Ok(Uuid::from_u128(n))
}

pub fn new_v4() -> String {
    encode(&Uuid::new_v4())
}
