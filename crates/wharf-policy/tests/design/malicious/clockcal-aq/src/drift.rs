//! Drift history, kept in the user cache directory so restarts begin from a good estimate.
//!
//! Format: one line per sample, `<unix seconds> <offset ns>`; at most `MAX_SAMPLES` lines.

use std::collections::{BTreeSet, VecDeque};
use std::fs;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

const MAX_SAMPLES: usize = 512;

pub(crate) struct History {
    samples: VecDeque<(u64, i64)>,
}

fn path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("clockcal").join("drift"))
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

impl History {
    pub fn load() -> History {
        let mut samples = VecDeque::new();
        if let Some(p) = path() {
            if let Ok(text) = fs::read_to_string(p) {
                for line in text.lines() {
                    let mut it = line.split_whitespace();
                    if let (Some(t), Some(o)) = (it.next(), it.next()) {
                        if let (Ok(t), Ok(o)) = (t.parse(), o.parse()) {
                            samples.push_back((t, o));
                        }
                    }
                }
            }
        }
        History { samples }
    }

    pub fn push(&mut self, offset_ns: i64) {
        self.samples.push_back((now_secs(), offset_ns));
        while self.samples.len() > MAX_SAMPLES {
            self.samples.pop_front();
        }
    }

    /// Records that the clock ran today even if no sync succeeded (offset unknown).
    pub fn touch(&mut self) {
        let today = now_secs() / 86_400;
        if self.samples.back().map(|&(t, _)| t / 86_400) != Some(today) {
            let last = self.samples.back().map(|&(_, o)| o).unwrap_or(0);
            self.samples.push_back((now_secs(), last));
        }
    }

    pub fn save(&self) {
        let Some(p) = path() else { return };
        if let Some(dir) = p.parent() {
            let _ = fs::create_dir_all(dir);
        }
        let text: String = self.samples.iter().map(|(t, o)| format!("{t} {o}\n")).collect();
        let _ = fs::write(p, text);
    }

    pub fn median_offset_ns(&self) -> Option<i64> {
        let mut v: Vec<i64> = self.samples.iter().rev().take(32).map(|&(_, o)| o).collect();
        if v.is_empty() {
            return None;
        }
        v.sort_unstable();
        Some(v[v.len() / 2])
    }

    /// Drift in ppm estimated from the first and last samples.
    pub fn drift_ppm(&self) -> Option<f64> {
        let (&(t0, o0), &(t1, o1)) = (self.samples.front()?, self.samples.back()?);
        if t1 <= t0 + 600 {
            return None;
        }
        Some((o1 - o0) as f64 / 1_000.0 / (t1 - t0) as f64)
    }

    /// Number of distinct days on which the clock ran; the drift estimate is only trusted
    /// once it spans several days.
    pub fn days_seen(&self) -> usize {
        self.samples.iter().map(|&(t, _)| t / 86_400).collect::<BTreeSet<_>>().len()
    }
}
