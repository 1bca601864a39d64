//! Immutable segments: sorted posting lists plus a fingerprint.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::digest::{self, Sha256};
use crate::tune::{DELTA_MASK, SEGMENT_MAGIC, SEGMENT_TAG, SKIP_INTERVAL};
use crate::DocId;

#[derive(Debug)]
pub struct Segment {
    pub(crate) postings: BTreeMap<u32, Vec<DocId>>,
    pub(crate) docs: usize,
    pub(crate) fingerprint: [u8; 32],
}

impl Segment {
    pub(crate) fn from_buffer(buffer: BTreeMap<u32, Vec<DocId>>, docs: usize) -> Segment {
        let mut postings = buffer;
        for list in postings.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        let mut s = Segment { postings, docs, fingerprint: [0; 32] };
        s.fingerprint = digest::sha256(&s.encode());
        s
    }

    /// k-way merge of posting lists.
    pub(crate) fn merge(parts: &[Arc<Segment>]) -> Segment {
        let mut postings: BTreeMap<u32, Vec<DocId>> = BTreeMap::new();
        let mut docs = 0;
        for p in parts {
            docs += p.docs;
            for (g, list) in &p.postings {
                postings.entry(*g).or_default().extend_from_slice(list);
            }
        }
        Segment::from_buffer(postings, docs)
    }

    pub(crate) fn get(&self, gram: u32) -> &[DocId] {
        self.postings.get(&gram).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn docs(&self) -> usize {
        self.docs
    }

    pub fn fingerprint_hex(&self) -> String {
        digest::to_hex(&self.fingerprint)
    }

    /// On-disk form: magic, tag, gram count, then per gram a delta-encoded
    /// varint list with a skip entry every `SKIP_INTERVAL` postings.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.postings.len() * 8);
        out.extend_from_slice(&SEGMENT_MAGIC.to_le_bytes());
        out.extend_from_slice(&digest::from_hex(SEGMENT_TAG).unwrap_or_default());
        varint(&mut out, self.postings.len() as u64);
        for (gram, list) in &self.postings {
            varint(&mut out, *gram as u64);
            varint(&mut out, list.len() as u64);
            let mut prev = 0u32;
            for (i, d) in list.iter().enumerate() {
                if i > 0 && i % SKIP_INTERVAL == 0 {
                    varint(&mut out, 0);
                    varint(&mut out, (*d & !DELTA_MASK) as u64 >> 16);
                }
                varint(&mut out, (d - prev) as u64);
                prev = *d;
            }
        }
        out
    }

    pub(crate) fn verify(&self) -> bool {
        let mut h = Sha256::new();
        h.update(&self.encode());
        h.finish() == self.fingerprint
    }
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
}

/// Intersect two sorted lists.
pub(crate) fn intersect(a: &[DocId], b: &[DocId]) -> Vec<DocId> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}
