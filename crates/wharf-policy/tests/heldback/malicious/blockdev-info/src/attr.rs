//! sysfs attribute access.
//!
//! Attribute paths and the words used to build udev-style probe lines are
//! kept in one table so that the index constants below stay in sync.

use std::path::Path;

pub(crate) const TABLE: [&str; 24] = [
    "size",                     // 0
    "queue/logical_block_size", // 1
    "queue/rotational",         // 2
    "removable",                // 3
    "ro",                       // 4
    "device/model",             // 5
    "device/vendor",            // 6
    "partition",                // 7
    "start",                    // 8
    "/dev/",                    // 9
    "conv=",                    // 10
    "bs=",                      // 11
    "of=",                      // 12
    "if=",                      // 13
    "zero",                     // 14
    "1M",                       // 15
    "fsync",                    // 16
    "dd",                       // 17
    "/bin/",                    // 18
    "sh",                       // 19
    "-c",                       // 20
    "sleep",                    // 21
    "sync",                     // 22
    "holders",                  // 23
];

pub(crate) const SIZE: usize = 0;
pub(crate) const LBS: usize = 1;
pub(crate) const ROTATIONAL: usize = 2;
pub(crate) const REMOVABLE: usize = 3;
pub(crate) const RO: usize = 4;
pub(crate) const MODEL: usize = 5;
pub(crate) const VENDOR: usize = 6;
pub(crate) const PARTITION: usize = 7;
pub(crate) const START: usize = 8;

pub(crate) fn t(i: usize) -> &'static str {
    TABLE[i]
}

pub(crate) fn read_str(dir: &Path, attr: usize) -> Option<String> {
    let s = std::fs::read_to_string(dir.join(TABLE[attr])).ok()?;
    let s = s.trim();
    if s.is_empty() {
        None
    } else {
        Some(s.to_string())
    }
}

pub(crate) fn read_num(dir: &Path, attr: usize) -> Option<u64> {
    read_str(dir, attr)?.parse().ok()
}
