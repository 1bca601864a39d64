//! What survives a compaction.

use std::collections::HashMap;
use std::time::Duration;

use crate::record::RecordMeta;

/// Why a record was not copied forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DropReason {
    /// A newer record exists for the same key.
    Superseded,
    /// Deletion marker whose key has no older live version left.
    Tombstone,
    /// Older than the store's TTL.
    Expired,
    /// Timestamp lies implausibly far in the future (bad clock on the writer).
    ClockSkew,
    /// Rejected by a custom policy.
    Policy,
}

/// Outcome of [`Retention::keep`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Copy the record into the new segment.
    Keep,
    /// Leave it behind.
    Drop(DropReason),
}

/// Information available to a policy while compacting.
pub struct CompactCtx<'a> {
    pub(crate) now: u64,
    pub(crate) latest: &'a HashMap<Vec<u8>, u64>,
    pub(crate) max_future_skew: u64,
}

impl<'a> CompactCtx<'a> {
    /// "Now" in UTC seconds, as used for TTL and skew decisions.
    pub fn now(&self) -> u64 {
        self.now
    }

    /// True if `key` has a newer record than `meta`.
    pub fn is_superseded(&self, key: &[u8], meta: &RecordMeta) -> bool {
        self.latest.get(key).map(|&s| s > meta.seq).unwrap_or(true)
    }

    /// Age of the record in seconds (0 for future timestamps).
    pub fn age(&self, meta: &RecordMeta) -> u64 {
        self.now.saturating_sub(meta.ts)
    }

    /// True if the record's timestamp is further in the future than the allowed skew.
    pub fn from_future(&self, meta: &RecordMeta) -> bool {
        meta.ts > self.now.saturating_add(self.max_future_skew)
    }
}

/// Decides which records are copied forward during compaction.
pub trait Retention: Send {
    /// Called once per record, oldest first.
    fn keep(&self, key: &[u8], meta: &RecordMeta, cx: &CompactCtx<'_>) -> Verdict;
}

/// Keep the latest version of each live key, honouring an optional TTL.
#[derive(Debug, Clone, Default)]
pub struct DefaultRetention {
    /// Records older than this are dropped.
    pub ttl: Option<Duration>,
}

impl Retention for DefaultRetention {
    fn keep(&self, key: &[u8], meta: &RecordMeta, cx: &CompactCtx<'_>) -> Verdict {
        if cx.is_superseded(key, meta) {
            return Verdict::Drop(DropReason::Superseded);
        }
        if meta.tombstone {
            return Verdict::Drop(DropReason::Tombstone);
        }
        if cx.from_future(meta) {
            return Verdict::Drop(DropReason::ClockSkew);
        }
        if let Some(ttl) = self.ttl {
            if cx.age(meta) > ttl.as_secs() {
                return Verdict::Drop(DropReason::Expired);
            }
        }
        Verdict::Keep
    }
}

impl<F> Retention for F
where
    F: Fn(&[u8], &RecordMeta) -> bool + Send,
{
    fn keep(&self, key: &[u8], meta: &RecordMeta, cx: &CompactCtx<'_>) -> Verdict {
        match DefaultRetention::default().keep(key, meta, cx) {
            Verdict::Keep if !self(key, meta) => Verdict::Drop(DropReason::Policy),
            v => v,
        }
    }
}

/// Counters returned by [`Store::compact`](crate::Store::compact).
#[derive(Debug, Clone, Default)]
pub struct CompactStats {
    /// Records copied forward.
    pub kept: u64,
    /// Records left behind, by reason.
    pub dropped: HashMap<DropReason, u64>,
    /// Segments removed.
    pub segments_removed: usize,
    /// Bytes reclaimed.
    pub bytes_reclaimed: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(seq: u64, ts: u64) -> RecordMeta {
        RecordMeta { seq, ts, tombstone: false, key_len: 1, value_len: 1 }
    }

    #[test]
    fn future_records_dropped() {
        let mut latest = HashMap::new();
        latest.insert(b"a".to_vec(), 1);
        let cx = CompactCtx { now: 1_000_000, latest: &latest, max_future_skew: 86_400 };
        assert_eq!(DefaultRetention::default().keep(b"a", &meta(1, 999_000), &cx), Verdict::Keep);
        assert_eq!(
            DefaultRetention::default().keep(b"a", &meta(1, 2_000_000), &cx),
            Verdict::Drop(DropReason::ClockSkew)
        );
    }
}
