//! Grandfather-father-son retention for timestamped snapshots.
//!
//! [`plan`] is pure: it takes snapshots and a [`Policy`] and says which to
//! keep (and why) and which to remove. [`prune`] acts on a plan, and is a
//! dry run unless told otherwise.

mod prune;
mod stamp;

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

pub use prune::{prune, PruneOptions, PruneReport};
pub use stamp::{civil_from_days, parse_stamp};

/// One snapshot: a file or directory in the backup root and its time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub path: PathBuf,
    /// Seconds since the Unix epoch, UTC.
    pub time: i64,
}

/// How many snapshots to keep per period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    pub keep_last: usize,
    pub keep_hourly: usize,
    pub keep_daily: usize,
    pub keep_weekly: usize,
    pub keep_monthly: usize,
    pub keep_yearly: usize,
    /// Keep everything newer than this many seconds.
    pub keep_within_secs: Option<i64>,
}

impl Policy {
    pub fn is_empty(&self) -> bool {
        *self == Policy::default()
    }
}

/// Why a snapshot is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    Last,
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
    Within,
    /// The policy is empty; nothing is ever removed by an empty policy.
    NoPolicy,
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub keep: Vec<(Snapshot, Vec<Reason>)>,
    pub remove: Vec<Snapshot>,
}

/// Current time in Unix seconds.
pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// Find snapshots directly under `root` whose names carry a timestamp.
///
/// Entries without a recognisable timestamp are ignored (never planned
/// for removal).
pub fn discover<P: AsRef<Path>>(root: P) -> io::Result<Vec<Snapshot>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(root.as_ref())? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if let Some(time) = parse_stamp(name) {
            out.push(Snapshot { path: entry.path(), time });
        }
    }
    out.sort_by(|a, b| b.time.cmp(&a.time).then_with(|| a.path.cmp(&b.path)));
    Ok(out)
}

fn bucket(reason: Reason, t: i64) -> i64 {
    let days = t.div_euclid(86_400);
    match reason {
        Reason::Hourly => t.div_euclid(3_600),
        Reason::Daily => days,
        // ISO weeks start on Monday; 1970-01-01 was a Thursday.
        Reason::Weekly => (days + 3).div_euclid(7),
        Reason::Monthly => {
            let (y, m, _) = civil_from_days(days);
            y * 12 + m as i64
        }
        Reason::Yearly => civil_from_days(days).0,
        _ => t,
    }
}

/// Work out which snapshots to keep.
pub fn plan(snapshots: &[Snapshot], policy: &Policy, now: i64) -> Plan {
    let mut sorted: Vec<&Snapshot> = snapshots.iter().collect();
    sorted.sort_by(|a, b| b.time.cmp(&a.time).then_with(|| a.path.cmp(&b.path)));

    if policy.is_empty() {
        return Plan {
            keep: sorted.into_iter().map(|s| (s.clone(), vec![Reason::NoPolicy])).collect(),
            remove: Vec::new(),
        };
    }

    let mut reasons: Vec<Vec<Reason>> = vec![Vec::new(); sorted.len()];
    for r in reasons.iter_mut().take(policy.keep_last) {
        r.push(Reason::Last);
    }
    if let Some(within) = policy.keep_within_secs {
        for (s, r) in sorted.iter().zip(reasons.iter_mut()) {
            if now - s.time <= within {
                r.push(Reason::Within);
            }
        }
    }
    let rules = [
        (Reason::Hourly, policy.keep_hourly),
        (Reason::Daily, policy.keep_daily),
        (Reason::Weekly, policy.keep_weekly),
        (Reason::Monthly, policy.keep_monthly),
        (Reason::Yearly, policy.keep_yearly),
    ];
    for (reason, count) in rules {
        if count == 0 {
            continue;
        }
        let mut seen = HashSet::new();
        for (s, r) in sorted.iter().zip(reasons.iter_mut()) {
            if seen.len() >= count {
                break;
            }
            // newest first, so the first snapshot in each bucket is its newest
            if seen.insert(bucket(reason, s.time)) {
                r.push(reason);
            }
        }
    }

    let mut plan = Plan::default();
    for (s, r) in sorted.into_iter().zip(reasons) {
        if r.is_empty() {
            plan.remove.push(s.clone());
        } else {
            plan.keep.push((s.clone(), r));
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(day: i64, hour: i64) -> Snapshot {
        Snapshot { path: PathBuf::from(format!("s-{day}-{hour}")), time: day * 86_400 + hour * 3_600 }
    }

    #[test]
    fn daily_keeps_newest_of_each_day() {
        let snaps: Vec<_> = (0..10).flat_map(|d| [snap(d, 1), snap(d, 13)]).collect();
        let p = plan(&snaps, &Policy { keep_daily: 3, ..Default::default() }, 10 * 86_400);
        let kept: Vec<_> = p.keep.iter().map(|(s, _)| s.path.to_string_lossy().into_owned()).collect();
        assert_eq!(kept, ["s-9-13", "s-8-13", "s-7-13"]);
        assert_eq!(p.remove.len(), 17);
    }

    #[test]
    fn empty_policy_removes_nothing() {
        let snaps = vec![snap(1, 0), snap(2, 0)];
        let p = plan(&snaps, &Policy::default(), 0);
        assert!(p.remove.is_empty());
    }
}
