//! Miner log parsing (share acceptance).
//!
//! Understands the common xmrig / cpuminer line shapes:
//!
//! ```text
//! [2024-05-01 10:00:00.123]  cpu      accepted (12/0) diff 120001 (35 ms)
//! [2024-05-01 10:00:01.456]  cpu      rejected (12/1) diff 120001 "Low difficulty share" (40 ms)
//! ```

/// Share counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ShareCounts {
    /// Accepted shares.
    pub accepted: u64,
    /// Rejected shares.
    pub rejected: u64,
}

impl ShareCounts {
    /// Acceptance rate in percent, `None` if no shares.
    pub fn acceptance(&self) -> Option<f64> {
        let total = self.accepted + self.rejected;
        (total > 0).then(|| self.accepted as f64 * 100.0 / total as f64)
    }
}

/// Count accepted / rejected shares in a log.
pub fn count_shares(log: &str) -> ShareCounts {
    let mut c = ShareCounts::default();
    for line in log.lines() {
        let l = line.to_ascii_lowercase();
        if l.contains(" accepted (") || l.contains("accepted:") {
            c.accepted += 1;
        } else if l.contains(" rejected (") || l.contains("rejected:") {
            c.rejected += 1;
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        let log = "[t] cpu accepted (1/0) diff 1 (3 ms)\n[t] cpu accepted (2/0) diff 1 (3 ms)\n[t] cpu rejected (2/1) diff 1 \"x\"\nnoise\n";
        let c = count_shares(log);
        assert_eq!(c, ShareCounts { accepted: 2, rejected: 1 });
        assert!((c.acceptance().unwrap() - 66.666).abs() < 0.01);
    }
}
