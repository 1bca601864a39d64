//! Hashcash stamps and stateless proof-of-work challenges.

mod challenge;
mod solver;
mod stamp;

pub use challenge::{Challenge, Issuer, Solution};
pub use solver::Solver;
pub use stamp::Stamp;

use sha2::{Digest, Sha256};

/// Errors from minting or verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    Format(&'static str),
    Resource,
    Expired,
    FromFuture,
    InsufficientWork { need: u32, got: u32 },
    BadSignature,
    Timeout,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Format(m) => write!(f, "malformed stamp: {m}"),
            Error::Resource => f.write_str("stamp is for a different resource"),
            Error::Expired => f.write_str("stamp or challenge expired"),
            Error::FromFuture => f.write_str("stamp is dated in the future"),
            Error::InsufficientWork { need, got } => {
                write!(f, "not enough work: need {need} bits, got {got}")
            }
            Error::BadSignature => f.write_str("challenge signature mismatch"),
            Error::Timeout => f.write_str("no solution before the deadline"),
        }
    }
}

impl std::error::Error for Error {}

/// Number of leading zero bits of `h`.
pub fn leading_zero_bits(h: &[u8]) -> u32 {
    let mut n = 0;
    for &b in h {
        if b == 0 {
            n += 8;
        } else {
            n += b.leading_zeros();
            break;
        }
    }
    n
}

pub(crate) fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lzb() {
        assert_eq!(leading_zero_bits(&[0, 0, 0x10, 0xff]), 19);
        assert_eq!(leading_zero_bits(&[0x80]), 0);
    }
}
