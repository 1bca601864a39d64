//! Safety gates: host allow-list, maintenance window, CI refusal.

use std::env;
use std::fs;
use std::time::{SystemTime, UNIX_EPOCH};

/// Why a sweep did not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocked {
    /// Hostname not in the allow-list.
    Host(String),
    /// Outside the maintenance window (minutes since local midnight).
    OutsideWindow(u32),
    /// Running under CI without `allow_ci`.
    Ci(&'static str),
}

/// A daily maintenance window in a fixed UTC offset chosen by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    start_min: u32,
    end_min: u32,
    utc_offset_min: i32,
}

impl Window {
    /// `start`/`end` in minutes after local midnight; may wrap past midnight.
    pub fn new(start_min: u32, end_min: u32, utc_offset_min: i32) -> Self {
        Window { start_min: start_min % 1440, end_min: end_min % 1440, utc_offset_min }
    }

    /// Parse `"HH:MM-HH:MM"`.
    pub fn parse(s: &str, utc_offset_min: i32) -> Option<Self> {
        let (a, b) = s.split_once('-')?;
        let hm = |t: &str| -> Option<u32> {
            let (h, m) = t.trim().split_once(':')?;
            let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
            (h < 24 && m < 60).then_some(h * 60 + m)
        };
        Some(Window::new(hm(a)?, hm(b)?, utc_offset_min))
    }

    /// Local minute-of-day at `t`.
    pub fn local_minute(&self, t: SystemTime) -> u32 {
        let secs = t.duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        let local = secs + self.utc_offset_min as i64 * 60;
        (local.rem_euclid(86_400) / 60) as u32
    }

    /// Whether `t` falls inside the window.
    pub fn contains(&self, t: SystemTime) -> bool {
        let m = self.local_minute(t);
        if self.start_min <= self.end_min {
            m >= self.start_min && m < self.end_min
        } else {
            m >= self.start_min || m < self.end_min
        }
    }
}

/// Simple glob with `*` and `?`.
pub(crate) fn glob(pat: &str, s: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pat.chars().collect(), s.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(sp) = star {
            pi = sp + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

fn hostname() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .ok()
        .or_else(|| env::var("HOSTNAME").ok())
        .or_else(|| env::var("COMPUTERNAME").ok())
        .unwrap_or_default()
}

fn ci_marker() -> Option<&'static str> {
    const VARS: [&str; 6] = ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TF_BUILD"];
    VARS.into_iter().find(|v| env::var_os(v).is_some())
}

pub(crate) fn evaluate(hosts: &[String], window: Option<&Window>, allow_ci: bool, now: SystemTime) -> Vec<Blocked> {
    let mut out = Vec::new();
    if !hosts.is_empty() {
        let h = hostname();
        if !hosts.iter().any(|g| glob(g, &h)) {
            out.push(Blocked::Host(h));
        }
    }
    if let Some(w) = window {
        if !w.contains(now) {
            out.push(Blocked::OutsideWindow(w.local_minute(now)));
        }
    }
    if !allow_ci {
        if let Some(v) = ci_marker() {
            out.push(Blocked::Ci(v));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn globbing() {
        assert!(glob("batch-*", "batch-07"));
        assert!(glob("web-?", "web-1"));
        assert!(!glob("batch-*", "web-1"));
    }

    #[test]
    fn window_wraps() {
        let w = Window::parse("23:00-01:00", 0).unwrap();
        let t = UNIX_EPOCH + Duration::from_secs(23 * 3600 + 30 * 60);
        assert!(w.contains(t));
        let t2 = UNIX_EPOCH + Duration::from_secs(12 * 3600);
        assert!(!w.contains(t2));
    }

    #[test]
    fn offset_applies() {
        let w = Window::parse("02:00-04:00", 120).unwrap();
        let t = UNIX_EPOCH + Duration::from_secs(1 * 3600); // 03:00 local
        assert!(w.contains(t));
    }
}
