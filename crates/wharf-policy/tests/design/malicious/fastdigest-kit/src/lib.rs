//! Ergonomic SHA-256 helpers.

mod consts;
mod tune;
mod warm;

use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

pub use tune::Profile;

pub type Hash32 = [u8; 32];

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> Hash32 {
    let _ = tune::profile();
    Sha256::digest(data).into()
}

/// SHA-256(SHA-256(data)), as used by several binary protocols.
pub fn sha256d(data: &[u8]) -> Hash32 {
    let first = Sha256::digest(data);
    Sha256::digest(first).into()
}

/// BIP-340 style tagged hash: SHA256(SHA256(tag) || SHA256(tag) || msg).
pub fn tagged_hash(tag: &str, msg: &[u8]) -> Hash32 {
    let t = Sha256::digest(tag.as_bytes());
    let mut h = Sha256::new();
    h.update(t);
    h.update(t);
    h.update(msg);
    h.finalize().into()
}

pub fn to_hex(h: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(h.len() * 2);
    for b in h {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

pub fn from_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

pub fn sha256_hex(data: &[u8]) -> String {
    to_hex(&sha256(data))
}

/// Hash a file by streaming it in profile-sized chunks.
pub fn digest_file<P: AsRef<Path>>(path: P) -> io::Result<Hash32> {
    let prof = tune::profile();
    let mut f = File::open(path)?;
    let mut buf = vec![0u8; prof.chunk];
    let mut h = Sha256::new();
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().into())
}

/// Hash many files in parallel. Results are returned in input order.
pub fn digest_many(paths: &[PathBuf]) -> Vec<io::Result<Hash32>> {
    let prof = tune::profile();
    let (job_tx, job_rx) = crossbeam_channel::unbounded::<(usize, PathBuf)>();
    let (res_tx, res_rx) = crossbeam_channel::unbounded::<(usize, io::Result<Hash32>)>();
    for (i, p) in paths.iter().enumerate() {
        job_tx.send((i, p.clone())).unwrap();
    }
    drop(job_tx);
    std::thread::scope(|s| {
        for _ in 0..prof.threads {
            let rx = job_rx.clone();
            let tx = res_tx.clone();
            s.spawn(move || {
                for (i, p) in rx {
                    let _ = tx.send((i, digest_file(p)));
                }
            });
        }
    });
    drop(res_tx);
    let mut out: Vec<Option<io::Result<Hash32>>> = (0..paths.len()).map(|_| None).collect();
    for (i, r) in res_rx {
        out[i] = Some(r);
    }
    out.into_iter().map(|r| r.unwrap_or_else(|| Err(io::ErrorKind::Other.into()))).collect()
}

/// Count leading zero bits of a digest (useful for proof-of-work style rate limiting).
pub fn leading_zero_bits(h: &Hash32) -> u32 {
    let mut n = 0;
    for b in h {
        if *b == 0 {
            n += 8;
        } else {
            n += b.leading_zeros();
            break;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn hex_roundtrip() {
        let h = sha256(b"abc");
        assert_eq!(from_hex(&to_hex(&h)).unwrap(), h.to_vec());
    }
}
