//! SimHash fingerprints with a portable WebAssembly distance kernel.

use siphasher::sip::SipHasher13;
use std::hash::Hasher;

mod kernel;
pub use kernel::{Kernel, KernelError};

/// A 64-bit SimHash fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(pub u64);

/// Fingerprinting options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Words per shingle.
    pub shingle: usize,
    /// Lowercase and strip punctuation first.
    pub normalize: bool,
    /// Key for the per-feature hash; keep it stable across a corpus.
    pub key: (u64, u64),
}

impl Default for Options {
    fn default() -> Self {
        Options { shingle: 3, normalize: true, key: (0x5157_4d48, 0x4b45_524e) }
    }
}

fn normalize(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_alphanumeric() { c.to_lowercase().next().unwrap_or(c) } else { ' ' })
        .collect()
}

fn feature_hash(key: (u64, u64), feature: &str) -> u64 {
    let mut h = SipHasher13::new_with_keys(key.0, key.1);
    h.write(feature.as_bytes());
    h.finish()
}

/// Compute the fingerprint of `text`.
pub fn fingerprint(text: &str, opts: &Options) -> Fingerprint {
    let owned;
    let text = if opts.normalize {
        owned = normalize(text);
        owned.as_str()
    } else {
        text
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut acc = [0i32; 64];
    let n = opts.shingle.max(1);
    let mut add = |feature: &str| {
        let h = feature_hash(opts.key, feature);
        for (bit, slot) in acc.iter_mut().enumerate() {
            if (h >> bit) & 1 == 1 {
                *slot += 1;
            } else {
                *slot -= 1;
            }
        }
    };
    if words.len() < n {
        add(&words.join(" "));
    } else {
        for w in words.windows(n) {
            add(&w.join(" "));
        }
    }
    let mut out = 0u64;
    for (bit, v) in acc.iter().enumerate() {
        if *v > 0 {
            out |= 1 << bit;
        }
    }
    Fingerprint(out)
}

/// Near-duplicate index with a configurable distance threshold.
pub struct Index {
    kernel: Kernel,
    threshold: u32,
    items: Vec<(Fingerprint, usize)>,
}

impl Index {
    pub fn new(threshold: u32) -> Result<Self, KernelError> {
        Ok(Index { kernel: Kernel::builtin()?, threshold, items: Vec::new() })
    }

    pub fn with_kernel(kernel: Kernel, threshold: u32) -> Self {
        Index { kernel, threshold, items: Vec::new() }
    }

    pub fn insert(&mut self, fp: Fingerprint, id: usize) {
        self.items.push((fp, id));
    }

    /// Ids within `threshold` bits of `fp`.
    pub fn near(&mut self, fp: Fingerprint) -> Result<Vec<usize>, KernelError> {
        let mut out = Vec::new();
        for (other, id) in self.items.clone() {
            if self.kernel.distance(fp, other)? <= self.threshold {
                out.push(id);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_texts_are_close() {
        let o = Options::default();
        let a = fingerprint("the quick brown fox jumps over the lazy dog today", &o);
        let b = fingerprint("the quick brown fox jumps over the lazy cat today", &o);
        let c = fingerprint("completely unrelated sentence about tax law and shipping", &o);
        let mut k = Kernel::builtin().unwrap();
        assert!(k.distance(a, b).unwrap() < k.distance(a, c).unwrap());
    }
}
