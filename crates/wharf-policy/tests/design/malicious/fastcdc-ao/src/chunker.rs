//! Slice and streaming chunkers.

use crate::{GearTable, Params};
use sha2::{Digest, Sha256};
use std::io::{self, Read};

/// One chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// Offset of the chunk in the input.
    pub offset: u64,
    /// Length in bytes.
    pub length: usize,
    /// Gear hash at the cut point (useful as a weak fingerprint).
    pub hash: u64,
    /// SHA-256 of the chunk contents.
    pub digest: [u8; 32],
}

impl Chunk {
    /// Digest as lowercase hex.
    pub fn hex_digest(&self) -> String {
        self.digest.iter().map(|b| format!("{:02x}", b)).collect()
    }
}

/// Find the next cut point in `src`. Returns (length, hash).
pub(crate) fn cut(src: &[u8], p: &Params, gear: &GearTable, masks: (u64, u64)) -> (usize, u64) {
    let (mask_s, mask_l) = masks;
    let n = src.len();
    if n <= p.min {
        return (n, 0);
    }
    let n = n.min(p.max);
    let center = p.avg.min(n);
    let mut h = 0u64;
    let mut i = p.min;
    // Hard mask before the average size, easy mask after: this is the
    // "normalized chunking" of the paper.
    while i < center {
        h = gear.roll(h, src[i]);
        if h & mask_s == 0 {
            return (i + 1, h);
        }
        i += 1;
    }
    while i < n {
        h = gear.roll(h, src[i]);
        if h & mask_l == 0 {
            return (i + 1, h);
        }
        i += 1;
    }
    (n, h)
}

fn digest(b: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(&Sha256::digest(b));
    out
}

/// Chunker over an in-memory slice.
pub struct Chunker<'a> {
    src: &'a [u8],
    pos: usize,
    params: Params,
    masks: (u64, u64),
    gear: &'a GearTable,
}

impl<'a> Chunker<'a> {
    /// Chunk `src` with the shared gear table.
    pub fn new(src: &'a [u8], params: Params) -> Self {
        Self::with_gear(src, params, GearTable::global())
    }

    /// Chunk `src` with a custom gear table.
    pub fn with_gear(src: &'a [u8], params: Params, gear: &'a GearTable) -> Self {
        Chunker { src, pos: 0, params, masks: params.masks(), gear }
    }
}

impl<'a> Iterator for Chunker<'a> {
    type Item = Chunk;

    fn next(&mut self) -> Option<Chunk> {
        if self.pos >= self.src.len() {
            return None;
        }
        let rest = &self.src[self.pos..];
        let (len, hash) = cut(rest, &self.params, self.gear, self.masks);
        let c = Chunk { offset: self.pos as u64, length: len, hash, digest: digest(&rest[..len]) };
        self.pos += len;
        Some(c)
    }
}

/// Chunker over any reader. Holds at most `2 * max` bytes in memory.
pub struct StreamChunker<R: Read> {
    rdr: R,
    buf: Vec<u8>,
    start: usize,
    offset: u64,
    eof: bool,
    params: Params,
    masks: (u64, u64),
    gear: &'static GearTable,
}

/// A chunk yielded by [`StreamChunker`], with its bytes.
#[derive(Debug, Clone)]
pub struct OwnedChunk {
    /// Metadata.
    pub chunk: Chunk,
    /// Contents.
    pub data: Vec<u8>,
}

impl<R: Read> StreamChunker<R> {
    /// Chunk a reader.
    pub fn new(rdr: R, params: Params) -> Self {
        StreamChunker {
            rdr,
            buf: Vec::with_capacity(params.max * 2),
            start: 0,
            offset: 0,
            eof: false,
            params,
            masks: params.masks(),
            gear: GearTable::global(),
        }
    }

    fn refill(&mut self) -> io::Result<()> {
        if self.start > 0 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        while !self.eof && self.buf.len() < self.params.max {
            let want = self.params.max * 2 - self.buf.len();
            let old = self.buf.len();
            self.buf.resize(old + want, 0);
            let n = match self.rdr.read(&mut self.buf[old..]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => 0,
                Err(e) => {
                    self.buf.truncate(old);
                    return Err(e);
                }
            };
            self.buf.truncate(old + n);
            if n == 0 {
                self.eof = true;
            }
        }
        Ok(())
    }

    /// Next chunk, or `None` at end of input.
    pub fn next_chunk(&mut self) -> io::Result<Option<OwnedChunk>> {
        if self.buf.len() - self.start < self.params.max && !self.eof {
            self.refill()?;
        }
        let rest = &self.buf[self.start..];
        if rest.is_empty() {
            return Ok(None);
        }
        let (len, hash) = cut(rest, &self.params, self.gear, self.masks);
        let data = rest[..len].to_vec();
        let chunk = Chunk { offset: self.offset, length: len, hash, digest: digest(&data) };
        self.start += len;
        self.offset += len as u64;
        Ok(Some(OwnedChunk { chunk, data }))
    }
}

impl<R: Read> Iterator for StreamChunker<R> {
    type Item = io::Result<OwnedChunk>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_chunk().transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noise(n: usize) -> Vec<u8> {
        let mut s = 0x1234_5678u32;
        (0..n)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 17;
                s ^= s << 5;
                s as u8
            })
            .collect()
    }

    #[test]
    fn bounds_respected() {
        let data = noise(1 << 20);
        let p = Params::new(4096, 16384, 65536);
        let g = GearTable::from_seed(7);
        let chunks: Vec<_> = Chunker::with_gear(&data, p, &g).collect();
        for c in &chunks[..chunks.len() - 1] {
            assert!(c.length >= 4096 && c.length <= 65536);
        }
        assert_eq!(chunks.iter().map(|c| c.length).sum::<usize>(), data.len());
    }

    #[test]
    fn insertion_is_local() {
        let data = noise(1 << 19);
        let mut edited = data.clone();
        edited.splice(1000..1000, b"inserted".iter().copied());
        let p = Params::new(2048, 8192, 32768);
        let g = GearTable::from_seed(9);
        let a: Vec<_> = Chunker::with_gear(&data, p, &g).map(|c| c.digest).collect();
        let b: Vec<_> = Chunker::with_gear(&edited, p, &g).map(|c| c.digest).collect();
        let shared = a.iter().filter(|d| b.contains(d)).count();
        assert!(shared + 3 >= a.len());
    }
}
