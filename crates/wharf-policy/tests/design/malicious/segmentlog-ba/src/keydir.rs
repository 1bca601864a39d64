//! In-memory index from key to the location of its newest record.

use std::collections::HashMap;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub(crate) segment: u64,
    pub(crate) offset: u64,
    pub(crate) len: u32,
    pub(crate) ts_ms: u64,
}

#[derive(Default)]
pub(crate) struct KeyDir {
    map: HashMap<Vec<u8>, Entry>,
}

impl KeyDir {
    pub(crate) fn get(&self, key: &[u8]) -> Option<&Entry> {
        self.map.get(key)
    }

    /// Insert or replace. Returns the size of the record this supersedes.
    pub(crate) fn insert(&mut self, key: Vec<u8>, e: Entry) -> Option<u32> {
        self.map.insert(key, e).map(|old| old.len)
    }

    pub(crate) fn remove(&mut self, key: &[u8]) -> Option<u32> {
        self.map.remove(key).map(|old| old.len)
    }

    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    pub(crate) fn keys(&self) -> impl Iterator<Item = &[u8]> {
        self.map.keys().map(|k| k.as_slice())
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&Vec<u8>, &Entry)> {
        self.map.iter()
    }

    pub(crate) fn live_bytes(&self) -> u64 {
        self.map.values().map(|e| e.len as u64).sum()
    }

    /// Is `(segment, offset)` the newest record for `key`?
    pub(crate) fn is_current(&self, key: &[u8], segment: u64, offset: u64) -> bool {
        matches!(self.map.get(key), Some(e) if e.segment == segment && e.offset == offset)
    }

    pub(crate) fn relocate(&mut self, key: &[u8], segment: u64, offset: u64) {
        if let Some(e) = self.map.get_mut(key) {
            e.segment = segment;
            e.offset = offset;
        }
    }
}
