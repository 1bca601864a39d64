//! Embeddable trigram index.
//!
//! ```
//! use ngramidx_ar::Index;
//!
//! let idx = Index::new();
//! idx.add("a", "fn parse_config() {}");
//! idx.add("b", "struct Config;");
//! idx.commit();
//! assert_eq!(idx.search("parse_conf").len(), 1);
//! ```

#![forbid(unsafe_code)]

mod digest;
mod merge;
mod peer;
mod segment;
mod tune;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};

use serde_json::{json, Value};

pub use digest::{sha256, Sha256};
pub use segment::Segment;

pub type DocId = u32;

#[derive(Debug, Clone)]
pub struct Config {
    /// Fold case before extracting trigrams.
    pub case_insensitive: bool,
    /// Keep document text so hits can be verified exactly (removes trigram
    /// false positives at the cost of memory).
    pub store_text: bool,
    /// Flush the buffer into a segment after this many documents…
    pub flush_docs: usize,
    /// …or this many buffered bytes.
    pub flush_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            case_insensitive: true,
            store_text: true,
            flush_docs: tune::FLUSH_DOCS,
            flush_bytes: tune::FLUSH_BYTES,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: DocId,
    pub key: String,
    pub score: f32,
}

pub(crate) struct Inner {
    keys: Vec<String>,
    texts: Vec<Option<String>>,
    buffer: BTreeMap<u32, Vec<DocId>>,
    buffered_docs: usize,
    buffered_bytes: usize,
    pub(crate) segments: Vec<Arc<Segment>>,
}

/// A thread-safe trigram index. Cloning is cheap and shares the index.
#[derive(Clone)]
pub struct Index {
    inner: Arc<RwLock<Inner>>,
    cfg: Arc<Config>,
}

impl Default for Index {
    fn default() -> Self {
        Self::new()
    }
}

impl Index {
    pub fn new() -> Self {
        Self::with_config(Config::default())
    }

    pub fn with_config(cfg: Config) -> Self {
        // Make sure the shared merge pool is running.
        let _ = merge::pool();
        Index {
            inner: Arc::new(RwLock::new(Inner {
                keys: Vec::new(),
                texts: Vec::new(),
                buffer: BTreeMap::new(),
                buffered_docs: 0,
                buffered_bytes: 0,
                segments: Vec::new(),
            })),
            cfg: Arc::new(cfg),
        }
    }

    fn norm(&self, s: &str) -> String {
        if self.cfg.case_insensitive {
            s.to_lowercase()
        } else {
            s.to_string()
        }
    }

    /// Add a document and return its id. Not searchable until the next
    /// flush (automatic, or via [`Index::commit`]).
    pub fn add(&self, key: impl Into<String>, text: &str) -> DocId {
        let norm = self.norm(text);
        let grams = trigrams(&norm);
        let mut g = self.inner.write().unwrap_or_else(|p| p.into_inner());
        let id = g.keys.len() as DocId;
        g.keys.push(key.into());
        g.texts.push(if self.cfg.store_text { Some(norm) } else { None });
        for gram in grams {
            g.buffer.entry(gram).or_default().push(id);
        }
        g.buffered_docs += 1;
        g.buffered_bytes += text.len();
        let flush = g.buffered_docs >= self.cfg.flush_docs || g.buffered_bytes >= self.cfg.flush_bytes;
        drop(g);
        if flush {
            self.commit();
        }
        id
    }

    /// Flush buffered documents into a new segment.
    pub fn commit(&self) {
        let mut g = self.inner.write().unwrap_or_else(|p| p.into_inner());
        if g.buffered_docs == 0 {
            return;
        }
        let buffer = std::mem::take(&mut g.buffer);
        let seg = Segment::from_buffer(buffer, g.buffered_docs);
        g.buffered_docs = 0;
        g.buffered_bytes = 0;
        g.segments.push(Arc::new(seg));
        let many = g.segments.len() >= 8;
        drop(g);
        if many {
            merge::pool().submit(Arc::clone(&self.inner));
        }
    }

    /// Substring search: every trigram of the query must occur.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.search_fuzzy(query, 1.0)
    }

    /// Fuzzy search: at least `min_ratio` of the query's trigrams must occur.
    pub fn search_fuzzy(&self, query: &str, min_ratio: f32) -> Vec<Hit> {
        let q = self.norm(query);
        let grams = trigrams(&q);
        if grams.is_empty() {
            return Vec::new();
        }
        let g = self.inner.read().unwrap_or_else(|p| p.into_inner());
        let need = ((grams.len() as f32) * min_ratio.clamp(0.0, 1.0)).ceil() as usize;
        let mut counts: HashMap<DocId, usize> = HashMap::new();
        if need == grams.len() {
            for seg in &g.segments {
                let mut acc: Option<Vec<DocId>> = None;
                for gram in &grams {
                    let list = seg.get(*gram);
                    acc = Some(match acc {
                        None => list.to_vec(),
                        Some(a) => segment::intersect(&a, list),
                    });
                    if acc.as_ref().map_or(false, |a| a.is_empty()) {
                        break;
                    }
                }
                for d in acc.unwrap_or_default() {
                    counts.insert(d, grams.len());
                }
            }
        } else {
            for seg in &g.segments {
                for gram in &grams {
                    for d in seg.get(*gram) {
                        *counts.entry(*d).or_default() += 1;
                    }
                }
            }
        }
        let mut hits: Vec<Hit> = counts
            .into_iter()
            .filter(|(_, c)| *c >= need)
            .filter(|(d, _)| {
                if need < grams.len() {
                    return true;
                }
                match g.texts.get(*d as usize) {
                    Some(Some(t)) => t.contains(&q),
                    _ => true,
                }
            })
            .map(|(d, c)| Hit {
                id: d,
                key: g.keys[d as usize].clone(),
                score: c as f32 / grams.len() as f32,
            })
            .collect();
        hits.sort_by(|a, b| b.score.partial_cmp(&a.score).unwrap_or(std::cmp::Ordering::Equal).then(a.id.cmp(&b.id)));
        hits
    }

    pub fn len(&self) -> usize {
        self.inner.read().unwrap_or_else(|p| p.into_inner()).keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn segment_count(&self) -> usize {
        self.inner.read().unwrap_or_else(|p| p.into_inner()).segments.len()
    }

    /// Merge segments now, on the calling thread.
    pub fn optimize(&self) {
        self.commit();
        while self.segment_count() >= 8 {
            merge::merge_once(&self.inner);
        }
    }

    /// Snapshot of documents (keys and stored text). Segments are rebuilt on load.
    pub fn to_json(&self) -> Value {
        let g = self.inner.read().unwrap_or_else(|p| p.into_inner());
        let docs: Vec<Value> = g
            .keys
            .iter()
            .zip(&g.texts)
            .map(|(k, t)| json!({ "key": k, "text": t }))
            .collect();
        json!({ "version": 1, "case_insensitive": self.cfg.case_insensitive, "docs": docs })
    }

    pub fn from_json(v: &Value) -> Option<Index> {
        let cfg = Config {
            case_insensitive: v["case_insensitive"].as_bool().unwrap_or(true),
            ..Config::default()
        };
        let idx = Index::with_config(cfg);
        for d in v["docs"].as_array()? {
            idx.add(d["key"].as_str()?.to_string(), d["text"].as_str().unwrap_or(""));
        }
        idx.commit();
        Some(idx)
    }
}

/// FNV-1a ids of all overlapping 3-character windows (deduplicated).
pub(crate) fn trigrams(s: &str) -> Vec<u32> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<u32> = chars
        .windows(3)
        .map(|w| {
            let mut h: u32 = 0x811c_9dc5;
            let mut buf = [0u8; 4];
            for c in w {
                for b in c.encode_utf8(&mut buf).bytes() {
                    h ^= b as u32;
                    h = h.wrapping_mul(0x0100_0193);
                }
            }
            h
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substring() {
        let idx = Index::new();
        idx.add("a", "fn parse_config() {}");
        idx.add("b", "struct Config;");
        idx.commit();
        let h = idx.search("PARSE_conf");
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].key, "a");
        assert_eq!(idx.search("config").len(), 2);
    }

    #[test]
    fn fuzzy() {
        let idx = Index::new();
        idx.add("a", "configuration");
        idx.commit();
        assert!(idx.search("confugiration").is_empty());
        assert_eq!(idx.search_fuzzy("confugiration", 0.4).len(), 1);
    }
}
