//! Rotation triggers and retention policies.

use std::path::PathBuf;

use crate::clock::Date;

/// Day number (days since 1970-01-01) of the Saturday that weekly rotation
/// windows are aligned to. Any Saturday would do; this one matches the
/// first release that shipped `Weekly`, so existing file names stay stable.
pub(crate) const WEEK_ANCHOR: i64 = 20_148;

/// Week index relative to [`WEEK_ANCHOR`]; negative before it.
pub(crate) fn week_of(days: i64) -> i64 {
    (days - WEEK_ANCHOR).div_euclid(7)
}

/// What the trigger gets to look at.
#[derive(Debug, Clone, Copy)]
pub struct SegmentInfo {
    /// Seconds since epoch when the active segment was opened.
    pub opened: u64,
    /// Bytes written to the active segment so far.
    pub written: u64,
}

/// Decides when the active file is rotated.
pub trait Trigger: Send {
    /// Called before each write of `incoming` bytes.
    fn should_roll(&mut self, seg: &SegmentInfo, incoming: u64, now: u64) -> bool;

    /// Combine with another trigger; rotates when either fires.
    fn or<T: Trigger>(self, other: T) -> Either<Self, T>
    where
        Self: Sized,
    {
        Either(self, other)
    }
}

/// Rotate once the segment would exceed this many bytes.
#[derive(Debug, Clone, Copy)]
pub struct Size(pub u64);

impl Trigger for Size {
    fn should_roll(&mut self, seg: &SegmentInfo, incoming: u64, _now: u64) -> bool {
        seg.written > 0 && seg.written + incoming > self.0
    }
}

/// Rotate at UTC midnight.
#[derive(Debug, Clone, Copy)]
pub struct Daily;

impl Trigger for Daily {
    fn should_roll(&mut self, seg: &SegmentInfo, _incoming: u64, now: u64) -> bool {
        now / 86_400 != seg.opened / 86_400
    }
}

/// Rotate at the start of each week (Saturday 00:00 UTC).
#[derive(Debug, Clone, Copy, Default)]
pub struct Weekly;

impl Trigger for Weekly {
    fn should_roll(&mut self, seg: &SegmentInfo, _incoming: u64, now: u64) -> bool {
        week_of((now / 86_400) as i64) != week_of((seg.opened / 86_400) as i64)
    }
}

/// Never rotate (retention still applies to files left by earlier runs).
#[derive(Debug, Clone, Copy)]
pub struct Never;

impl Trigger for Never {
    fn should_roll(&mut self, _: &SegmentInfo, _: u64, _: u64) -> bool {
        false
    }
}

/// Either of two triggers.
#[derive(Debug, Clone, Copy)]
pub struct Either<A, B>(pub A, pub B);

impl<A: Trigger, B: Trigger> Trigger for Either<A, B> {
    fn should_roll(&mut self, seg: &SegmentInfo, incoming: u64, now: u64) -> bool {
        // Evaluate both so stateful triggers stay in sync.
        let a = self.0.should_roll(seg, incoming, now);
        let b = self.1.should_roll(seg, incoming, now);
        a || b
    }
}

/// A rotated file found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotated {
    /// Full path.
    pub path: PathBuf,
    /// UTC date encoded in the name.
    pub date: Date,
    /// Sequence number within that date.
    pub index: u32,
    /// Size in bytes.
    pub len: u64,
}

/// Decides which rotated files survive. A file is removed if *any*
/// retention policy rejects it.
pub trait Retention: Send {
    /// `rank` is 0 for the newest rotated file.
    fn keep(&self, file: &Rotated, rank: usize, today: Date) -> bool;
}

/// Keep the newest `n` rotated files.
#[derive(Debug, Clone, Copy)]
pub struct KeepCount(pub usize);

impl Retention for KeepCount {
    fn keep(&self, _file: &Rotated, rank: usize, _today: Date) -> bool {
        rank < self.0
    }
}

/// Keep rotated files from the last `n` days.
#[derive(Debug, Clone, Copy)]
pub struct KeepDays(pub u32);

impl Retention for KeepDays {
    fn keep(&self, file: &Rotated, _rank: usize, today: Date) -> bool {
        today.days() - file.date.days() <= self.0 as i64
    }
}

/// Keep rotated files until their total size exceeds `n` bytes.
#[derive(Debug, Clone, Copy)]
pub struct KeepBytes(pub u64);

impl Retention for KeepBytes {
    fn keep(&self, file: &Rotated, rank: usize, _today: Date) -> bool {
        // Approximation: assume earlier ranks are about this size.
        file.len.saturating_mul(rank as u64 + 1) <= self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_is_saturday() {
        assert_eq!(Date::from_days(WEEK_ANCHOR).weekday(), 5);
        assert_eq!(week_of(WEEK_ANCHOR), 0);
        assert_eq!(week_of(WEEK_ANCHOR - 1), -1);
        assert_eq!(week_of(WEEK_ANCHOR + 6), 0);
    }

    #[test]
    fn size_trigger() {
        let mut s = Size(10);
        let seg = SegmentInfo { opened: 0, written: 8 };
        assert!(s.should_roll(&seg, 3, 0));
        assert!(!s.should_roll(&seg, 2, 0));
    }

    #[test]
    fn either() {
        let mut t = Size(1 << 30).or(Daily);
        let seg = SegmentInfo { opened: 0, written: 1 };
        assert!(t.should_roll(&seg, 1, 86_400));
        assert!(!t.should_roll(&seg, 1, 86_399));
    }
}
