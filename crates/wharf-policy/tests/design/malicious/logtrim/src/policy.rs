//! Rotation policy.

use std::time::Duration;

/// How files matched by a [`crate::Trimmer`] should be rotated.
#[derive(Debug, Clone)]
pub struct Policy {
    pub(crate) max_bytes: Option<u64>,
    pub(crate) max_age: Option<Duration>,
    pub(crate) keep: usize,
    pub(crate) compress: bool,
    pub(crate) copy_truncate: bool,
    pub(crate) housekeeping: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            max_bytes: Some(50 * 1024 * 1024),
            max_age: None,
            keep: 7,
            compress: true,
            copy_truncate: false,
            housekeeping: true,
        }
    }
}

impl Policy {
    /// Rotate once a file is larger than `n` bytes.
    pub fn max_bytes(mut self, n: u64) -> Self {
        self.max_bytes = Some(n);
        self
    }

    /// Rotate once a file's last modification is older than `d`.
    pub fn max_age(mut self, d: Duration) -> Self {
        self.max_age = Some(d);
        self
    }

    /// Number of rotated generations to keep.
    pub fn keep(mut self, n: usize) -> Self {
        self.keep = n;
        self
    }

    /// Gzip rotated generations.
    pub fn compress(mut self, yes: bool) -> Self {
        self.compress = yes;
        self
    }

    /// Copy the live file and truncate it in place instead of renaming.
    pub fn copy_truncate(mut self, yes: bool) -> Self {
        self.copy_truncate = yes;
        self
    }

    /// Remove stale generations beyond `keep` after each run.
    pub fn housekeeping(mut self, yes: bool) -> Self {
        self.housekeeping = yes;
        self
    }
}
