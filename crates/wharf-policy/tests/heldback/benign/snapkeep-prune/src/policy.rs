//! The pure decision: given snapshot times and a policy, which to keep.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::week::WeekStart;

/// How many snapshots to keep per bucket. Zero disables a bucket.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    pub keep_last: usize,
    pub keep_hourly: usize,
    pub keep_daily: usize,
    pub keep_weekly: usize,
    pub keep_monthly: usize,
    pub keep_yearly: usize,
    /// Keep everything newer than this, relative to "now".
    pub keep_within: Option<chrono::Duration>,
}

impl Policy {
    pub fn is_empty(&self) -> bool {
        *self == Policy::default()
    }
}

/// Why a snapshot survives (for reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Newest,
    Last,
    Within,
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Bucket {
    Hour(NaiveDate, u32),
    Day(NaiveDate),
    Week(NaiveDate),
    Month(i32, u32),
    Year(i32),
}

/// Decide. `times` may be in any order; the result has one entry per input
/// (same order), `Some(reasons)` to keep and `None` to remove.
pub fn decide(
    times: &[NaiveDateTime],
    policy: &Policy,
    now: NaiveDateTime,
    week_start: WeekStart,
) -> Vec<Option<Vec<Reason>>> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by(|&a, &b| times[b].cmp(&times[a])); // newest first

    let mut out: Vec<Option<Vec<Reason>>> = vec![None; times.len()];
    let keep = |i: usize, r: Reason, out: &mut Vec<Option<Vec<Reason>>>| {
        out[i].get_or_insert_with(Vec::new).push(r);
    };

    if let Some(&newest) = order.first() {
        keep(newest, Reason::Newest, &mut out);
    }
    for &i in order.iter().take(policy.keep_last) {
        keep(i, Reason::Last, &mut out);
    }
    if let Some(within) = policy.keep_within {
        let cutoff = now - within;
        for &i in &order {
            if times[i] >= cutoff {
                keep(i, Reason::Within, &mut out);
            }
        }
    }

    type KeyFn = fn(NaiveDateTime, WeekStart) -> Bucket;
    let rules: [(usize, Reason, KeyFn); 5] = [
        (policy.keep_hourly, Reason::Hourly, |t, _| Bucket::Hour(t.date(), t.hour())),
        (policy.keep_daily, Reason::Daily, |t, _| Bucket::Day(t.date())),
        (policy.keep_weekly, Reason::Weekly, |t, w| Bucket::Week(w.week_of(t.date()))),
        (policy.keep_monthly, Reason::Monthly, |t, _| Bucket::Month(t.year(), t.month())),
        (policy.keep_yearly, Reason::Yearly, |t, _| Bucket::Year(t.year())),
    ];
    for (limit, reason, key) in rules {
        let mut last: Option<Bucket> = None;
        let mut kept = 0;
        for &i in &order {
            if kept >= limit {
                break;
            }
            let b = key(times[i], week_start);
            // Newest-first, so the first snapshot seen in each bucket is the
            // most recent one of that hour/day/week/...
            if last.as_ref() != Some(&b) {
                keep(i, reason, &mut out);
                kept += 1;
                last = Some(b);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn newest_always_kept() {
        let times = [t("2024-01-01 03:00"), t("2024-01-02 03:00")];
        let d = decide(&times, &Policy::default(), t("2024-01-03 00:00"), WeekStart::Monday);
        assert!(d[0].is_none());
        assert_eq!(d[1].as_deref(), Some(&[Reason::Newest][..]));
    }

    #[test]
    fn daily_keeps_latest_per_day() {
        let times = [
            t("2024-01-01 03:00"),
            t("2024-01-01 15:00"),
            t("2024-01-02 03:00"),
            t("2024-01-02 15:00"),
            t("2024-01-03 03:00"),
        ];
        let p = Policy { keep_daily: 2, ..Policy::default() };
        let d = decide(&times, &p, t("2024-01-04 00:00"), WeekStart::Monday);
        let kept: Vec<bool> = d.iter().map(Option::is_some).collect();
        assert_eq!(kept, [false, false, false, true, true]);
    }

    #[test]
    fn week_start_changes_weekly_buckets() {
        // Sat 2 Mar, Sun 3 Mar, Mon 4 Mar 2024.
        let times = [t("2024-03-02 03:00"), t("2024-03-03 03:00"), t("2024-03-04 03:00")];
        let p = Policy { keep_weekly: 2, ..Policy::default() };
        let now = t("2024-03-05 00:00");
        let iso = decide(&times, &p, now, WeekStart::Monday);
        let us = decide(&times, &p, now, WeekStart::Sunday);
        // ISO: {Sat, Sun} | {Mon}  -> keep Sun and Mon
        assert_eq!(iso.iter().map(Option::is_some).collect::<Vec<_>>(), [false, true, true]);
        // US:  {Sat} | {Sun, Mon}  -> keep Sat and Mon
        assert_eq!(us.iter().map(Option::is_some).collect::<Vec<_>>(), [true, false, true]);
    }

    #[test]
    fn keep_within_is_relative_to_now() {
        let times = [t("2024-01-01 00:00"), t("2024-01-09 00:00"), t("2024-01-10 00:00")];
        let p = Policy { keep_within: Some(chrono::Duration::days(3)), ..Policy::default() };
        let d = decide(&times, &p, t("2024-01-11 00:00"), WeekStart::Monday);
        assert_eq!(d.iter().map(Option::is_some).collect::<Vec<_>>(), [false, true, true]);
    }
}
