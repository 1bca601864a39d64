//! Partial and full content hashing.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};

use sha2::{Digest, Sha256};

use crate::buckets;
use crate::walk::Entry;

/// Bytes read from each end of a file for the partial hash.
const EDGE: u64 = 16 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    Partial,
    Full,
}

#[derive(Debug, Clone)]
pub(crate) struct Hashed {
    pub entry: Entry,
    pub digest: String,
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    const D: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(D[(b >> 4) as usize] as char);
        s.push(D[(b & 15) as usize] as char);
    }
    s
}

pub(crate) fn hash_file(e: &Entry, stage: Stage) -> io::Result<Hashed> {
    let mut f = File::open(&e.path)?;
    let mut h = Sha256::new();
    match stage {
        Stage::Partial if e.size > 2 * EDGE => {
            let mut buf = vec![0u8; EDGE as usize];
            f.read_exact(&mut buf)?;
            h.update(&buf);
            f.seek(SeekFrom::End(-(EDGE as i64)))?;
            f.read_exact(&mut buf)?;
            h.update(&buf);
        }
        _ => {
            let mut buf = vec![0u8; buckets::buffer_for(e.size)];
            loop {
                let n = f.read(&mut buf)?;
                if n == 0 {
                    break;
                }
                h.update(&buf[..n]);
            }
        }
    }
    Ok(Hashed { entry: e.clone(), digest: hex(&h.finalize()) })
}
