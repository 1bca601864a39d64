//! Grandfather-father-son rotation for timestamped backup files.

mod name;
mod policy;
mod prune;

pub use name::{parse_name, BackupName};
pub use policy::{plan, Decision, Policy};
pub use prune::{apply, scan, Outcome, ScanOptions};
