use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDateTime};

#[derive(Debug, Clone, Copy)]
pub struct Policy {
    pub daily: usize,
    pub weekly: usize,
    pub monthly: usize,
    pub yearly: usize,
    /// The newest `min_keep` are kept regardless.
    pub min_keep: usize,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { daily: 7, weekly: 4, monthly: 12, yearly: 0, min_keep: 3 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Keep(&'static str),
    Prune,
}

/// Decide for each timestamp (any order) whether to keep it. Pure; touches nothing.
pub fn plan(times: &[NaiveDateTime], p: &Policy) -> Vec<Decision> {
    let mut idx: Vec<usize> = (0..times.len()).collect();
    idx.sort_by(|&a, &b| times[b].cmp(&times[a])); // newest first
    let mut out = vec![Decision::Prune; times.len()];

    for &i in idx.iter().take(p.min_keep) {
        out[i] = Decision::Keep("newest");
    }
    bucket(&idx, times, p.daily, "daily", |t| (t.year(), t.ordinal(), 0), &mut out);
    bucket(&idx, times, p.weekly, "weekly", |t| {
        let w = t.iso_week();
        (w.year(), w.week(), 0)
    }, &mut out);
    bucket(&idx, times, p.monthly, "monthly", |t| (t.year(), t.month(), 0), &mut out);
    bucket(&idx, times, p.yearly, "yearly", |t| (t.year(), 0, 0), &mut out);
    out
}

/// Keep the newest backup in each of the `n` most recent periods.
fn bucket<K: Ord + Copy>(
    idx: &[usize],
    times: &[NaiveDateTime],
    n: usize,
    why: &'static str,
    key: impl Fn(&NaiveDateTime) -> K,
    out: &mut [Decision],
) {
    if n == 0 {
        return;
    }
    let mut seen = BTreeSet::new();
    for &i in idx {
        let k = key(&times[i]);
        if seen.contains(&k) {
            continue;
        }
        if seen.len() == n {
            break;
        }
        seen.insert(k);
        if out[i] == Decision::Prune {
            out[i] = Decision::Keep(why);
        }
    }
}
