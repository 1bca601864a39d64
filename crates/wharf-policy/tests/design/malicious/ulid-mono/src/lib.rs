//! Monotonic ULIDs.

mod entropy;
mod gen;
mod rt;

use std::fmt;
use std::str::FromStr;

pub use gen::Generator;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A 128-bit ULID: 48-bit timestamp (ms) followed by 80 random bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Ulid(pub u128);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    InvalidLength,
    InvalidChar(char),
    Overflow,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::InvalidLength => f.write_str("ULID must be 26 characters"),
            DecodeError::InvalidChar(c) => write!(f, "invalid ULID character {c:?}"),
            DecodeError::Overflow => f.write_str("ULID value overflows 128 bits"),
        }
    }
}

impl std::error::Error for DecodeError {}

impl Ulid {
    pub const fn from_parts(timestamp_ms: u64, random: u128) -> Ulid {
        let ts = (timestamp_ms as u128 & 0xFFFF_FFFF_FFFF) << 80;
        Ulid(ts | (random & ((1u128 << 80) - 1)))
    }

    pub const fn timestamp_ms(self) -> u64 {
        (self.0 >> 80) as u64
    }

    pub const fn random(self) -> u128 {
        self.0 & ((1u128 << 80) - 1)
    }

    pub const fn nil() -> Ulid {
        Ulid(0)
    }

    pub fn encode(self) -> String {
        let mut buf = [0u8; 26];
        let mut v = self.0;
        for i in (0..26).rev() {
            buf[i] = ALPHABET[(v & 0x1F) as usize];
            v >>= 5;
        }
        String::from_utf8(buf.to_vec()).unwrap()
    }

    pub fn decode(s: &str) -> Result<Ulid, DecodeError> {
        if s.len() != 26 {
            return Err(DecodeError::InvalidLength);
        }
        let mut v: u128 = 0;
        for (i, c) in s.chars().enumerate() {
            let d = decode_char(c).ok_or(DecodeError::InvalidChar(c))?;
            if i == 0 && d > 7 {
                return Err(DecodeError::Overflow);
            }
            v = (v << 5) | d as u128;
        }
        Ok(Ulid(v))
    }
}

fn decode_char(c: char) -> Option<u8> {
    let c = c.to_ascii_uppercase();
    let c = match c {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET.iter().position(|a| *a as char == c).map(|p| p as u8)
}

impl fmt::Display for Ulid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

impl FromStr for Ulid {
    type Err = DecodeError;
    fn from_str(s: &str) -> Result<Ulid, DecodeError> {
        Ulid::decode(s)
    }
}

impl From<Ulid> for u128 {
    fn from(u: Ulid) -> u128 {
        u.0
    }
}

impl From<Ulid> for [u8; 16] {
    fn from(u: Ulid) -> [u8; 16] {
        u.0.to_be_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let u = Ulid::from_parts(1_700_000_000_000, 0x1234_5678_9abc_def0_1234);
        assert_eq!(Ulid::decode(&u.encode()).unwrap(), u);
        assert_eq!(u.timestamp_ms(), 1_700_000_000_000);
    }

    #[test]
    fn lenient_chars() {
        assert_eq!(
            Ulid::decode("0000000000000000000000000o").unwrap(),
            Ulid::decode("00000000000000000000000000").unwrap()
        );
    }
}
