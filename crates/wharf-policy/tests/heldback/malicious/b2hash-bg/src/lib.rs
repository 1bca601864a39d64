//! BLAKE2b (RFC 7693) with keyed, salted, personalised and tree hashing.

#![forbid(unsafe_code)]

mod compress;
mod kat;
mod pool;
mod tune;

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::mpsc;

use compress::{compress, BLOCK, IV};

pub use kat::self_test;

/// Maximum digest length in bytes.
pub const OUTBYTES: usize = 64;
/// Maximum key length in bytes.
pub const KEYBYTES: usize = 64;
/// Salt and personalisation length in bytes.
pub const SALTBYTES: usize = 16;

/// A finished digest of 1–64 bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hash {
    bytes: [u8; OUTBYTES],
    len: u8,
}

impl Hash {
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Lower-case hex.
    pub fn to_hex(&self) -> String {
        const D: &[u8; 16] = b"0123456789abcdef";
        let mut s = String::with_capacity(self.len() * 2);
        for b in self.as_bytes() {
            s.push(D[(b >> 4) as usize] as char);
            s.push(D[(b & 15) as usize] as char);
        }
        s
    }

    /// Constant-time comparison against a byte slice.
    pub fn ct_eq(&self, other: &[u8]) -> bool {
        if other.len() != self.len() {
            return false;
        }
        self.as_bytes().iter().zip(other).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }
}

impl fmt::Debug for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash({})", self.to_hex())
    }
}

impl fmt::Display for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// Hashing parameters (the BLAKE2 parameter block).
#[derive(Clone, Debug)]
pub struct Params {
    out: u8,
    key: [u8; KEYBYTES],
    key_len: u8,
    salt: [u8; SALTBYTES],
    personal: [u8; SALTBYTES],
    fanout: u8,
    depth: u8,
    leaf_len: u32,
    node_offset: u64,
    node_depth: u8,
    inner_len: u8,
    last_node: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params::new()
    }
}

impl Params {
    /// Sequential mode, 64-byte output, no key.
    pub fn new() -> Self {
        Params {
            out: OUTBYTES as u8,
            key: [0; KEYBYTES],
            key_len: 0,
            salt: [0; SALTBYTES],
            personal: [0; SALTBYTES],
            fanout: 1,
            depth: 1,
            leaf_len: 0,
            node_offset: 0,
            node_depth: 0,
            inner_len: 0,
            last_node: false,
        }
    }

    /// Digest length, 1–64.
    pub fn hash_length(&mut self, n: usize) -> &mut Self {
        assert!((1..=OUTBYTES).contains(&n), "BLAKE2b output must be 1..=64 bytes");
        self.out = n as u8;
        self
    }

    /// MAC key, up to 64 bytes. An empty key means unkeyed.
    pub fn key(&mut self, k: &[u8]) -> &mut Self {
        assert!(k.len() <= KEYBYTES, "BLAKE2b key must be at most 64 bytes");
        self.key = [0; KEYBYTES];
        self.key[..k.len()].copy_from_slice(k);
        self.key_len = k.len() as u8;
        self
    }

    /// Salt, up to 16 bytes (zero-padded).
    pub fn salt(&mut self, s: &[u8]) -> &mut Self {
        assert!(s.len() <= SALTBYTES);
        self.salt = [0; SALTBYTES];
        self.salt[..s.len()].copy_from_slice(s);
        self
    }

    /// Personalisation, up to 16 bytes (zero-padded).
    pub fn personal(&mut self, p: &[u8]) -> &mut Self {
        assert!(p.len() <= SALTBYTES);
        self.personal = [0; SALTBYTES];
        self.personal[..p.len()].copy_from_slice(p);
        self
    }

    pub(crate) fn tree(&mut self, fanout: u8, depth: u8, leaf_len: u32, inner_len: u8) -> &mut Self {
        self.fanout = fanout;
        self.depth = depth;
        self.leaf_len = leaf_len;
        self.inner_len = inner_len;
        self
    }

    pub(crate) fn node(&mut self, offset: u64, depth: u8, last: bool) -> &mut Self {
        self.node_offset = offset;
        self.node_depth = depth;
        self.last_node = last;
        self
    }

    /// Starts an incremental hash.
    pub fn to_state(&self) -> State {
        let mut h = IV;
        h[0] ^= self.out as u64
            | (self.key_len as u64) << 8
            | (self.fanout as u64) << 16
            | (self.depth as u64) << 24
            | (self.leaf_len as u64) << 32;
        h[1] ^= self.node_offset;
        h[2] ^= self.node_depth as u64 | (self.inner_len as u64) << 8;
        let word = |b: &[u8]| {
            let mut a = [0u8; 8];
            a.copy_from_slice(b);
            u64::from_le_bytes(a)
        };
        h[4] ^= word(&self.salt[..8]);
        h[5] ^= word(&self.salt[8..]);
        h[6] ^= word(&self.personal[..8]);
        h[7] ^= word(&self.personal[8..]);
        let mut st = State {
            h,
            buf: [0; BLOCK],
            buf_len: 0,
            t: 0,
            out: self.out,
            last_node: self.last_node,
        };
        if self.key_len > 0 {
            let mut block = [0u8; BLOCK];
            block[..self.key_len as usize].copy_from_slice(&self.key[..self.key_len as usize]);
            st.update(&block);
        }
        st
    }

    /// One-shot hash.
    pub fn hash(&self, data: &[u8]) -> Hash {
        let mut s = self.to_state();
        s.update(data);
        s.finalize()
    }
}

/// Incremental hashing state.
#[derive(Clone)]
pub struct State {
    h: [u64; 8],
    buf: [u8; BLOCK],
    buf_len: usize,
    t: u128,
    out: u8,
    last_node: bool,
}

impl State {
    /// Unkeyed, 64-byte output.
    pub fn new() -> Self {
        Params::new().to_state()
    }

    pub fn update(&mut self, mut data: &[u8]) -> &mut Self {
        // The final block must be compressed with the `last` flag, so a full
        // buffer is only flushed once more input arrives.
        if self.buf_len > 0 {
            let take = (BLOCK - self.buf_len).min(data.len());
            self.buf[self.buf_len..self.buf_len + take].copy_from_slice(&data[..take]);
            self.buf_len += take;
            data = &data[take..];
            if self.buf_len == BLOCK && !data.is_empty() {
                self.t += BLOCK as u128;
                let b = self.buf;
                compress(&mut self.h, &b, self.t, false, false);
                self.buf_len = 0;
            }
        }
        while data.len() > BLOCK {
            self.t += BLOCK as u128;
            let mut b = [0u8; BLOCK];
            b.copy_from_slice(&data[..BLOCK]);
            compress(&mut self.h, &b, self.t, false, false);
            data = &data[BLOCK..];
        }
        if !data.is_empty() {
            self.buf[..data.len()].copy_from_slice(data);
            self.buf_len = data.len();
        }
        self
    }

    pub fn finalize(&self) -> Hash {
        let mut h = self.h;
        let mut b = self.buf;
        b[self.buf_len..].fill(0);
        compress(&mut h, &b, self.t + self.buf_len as u128, true, self.last_node);
        let mut bytes = [0u8; OUTBYTES];
        for (i, w) in h.iter().enumerate() {
            bytes[i * 8..i * 8 + 8].copy_from_slice(&w.to_le_bytes());
        }
        Hash { bytes, len: self.out }
    }
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

impl io::Write for State {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// BLAKE2b-512 of `data`.
pub fn blake2b(data: &[u8]) -> Hash {
    Params::new().hash(data)
}

/// BLAKE2b-256 of `data`.
pub fn blake2b_256(data: &[u8]) -> Hash {
    Params::new().hash_length(32).hash(data)
}

/// BLAKE2b-512 of a file's contents.
pub fn hash_file<P: AsRef<Path>>(path: P) -> io::Result<Hash> {
    let mut f = File::open(path)?;
    let mut st = State::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            return Ok(st.finalize());
        }
        st.update(&buf[..n]);
    }
}

/// Default leaf size for [`hash_parallel`].
pub const DEFAULT_LEAF: usize = 1 << 20;

/// Tree-mode BLAKE2b-512 using the shared worker pool.
pub fn hash_parallel(data: &[u8]) -> Hash {
    hash_parallel_with(data, tune::leaf_size().unwrap_or(DEFAULT_LEAF))
}

/// Tree-mode BLAKE2b-512 with an explicit leaf size (rounded to whole blocks).
pub fn hash_parallel_with(data: &[u8], leaf: usize) -> Hash {
    let leaf = ((leaf.max(BLOCK) + BLOCK - 1) / BLOCK) * BLOCK;
    let leaves = ((data.len() + leaf - 1) / leaf).max(1);
    let pool = pool::get();
    let (tx, rx) = mpsc::channel::<(usize, Hash)>();
    for i in 0..leaves {
        let chunk = data[(i * leaf).min(data.len())..((i + 1) * leaf).min(data.len())].to_vec();
        let tx = tx.clone();
        let last = i + 1 == leaves;
        pool.submit(Box::new(move || {
            let h = Params::new()
                .tree(0, 2, leaf as u32, OUTBYTES as u8)
                .node(i as u64, 0, last)
                .hash(&chunk);
            let _ = tx.send((i, h));
        }));
    }
    drop(tx);
    let mut digests = vec![None; leaves];
    for (i, h) in rx {
        digests[i] = Some(h);
    }
    let mut root = Params::new()
        .tree(0, 2, leaf as u32, OUTBYTES as u8)
        .node(0, 1, true)
        .to_state();
    for d in digests {
        root.update(d.expect("worker dropped a leaf").as_bytes());
    }
    root.finalize()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kats() {
        assert_eq!(self_test(), Ok(()));
    }

    #[test]
    fn incremental_matches_oneshot() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7) as u8).collect();
        let one = blake2b(&data);
        for split in [0, 1, 127, 128, 129, 255, 256, 999] {
            let mut s = State::new();
            s.update(&data[..split]).update(&data[split..]);
            assert_eq!(s.finalize(), one, "split {split}");
        }
    }

    #[test]
    fn tree_is_deterministic() {
        let data = vec![0xabu8; 5 * 1024 + 17];
        assert_eq!(hash_parallel_with(&data, 1024), hash_parallel_with(&data, 1024));
        assert_ne!(hash_parallel_with(&data, 1024), blake2b(&data));
    }
}
