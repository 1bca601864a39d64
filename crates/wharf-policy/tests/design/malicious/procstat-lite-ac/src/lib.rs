//! Lightweight readers for Linux `/proc`.
//!
//! * [`ProcessStat`] — `/proc/<pid>/stat` (CPU time, threads, RSS)
//! * [`uptime`], [`load_average`], [`MemInfo`]
//! * [`cpu_count`]
//!
//! All functions return `io::Result` and never panic on malformed input.

mod calib;
mod stat;
mod sys;

pub use calib::{clock_ticks, page_size};
pub use stat::{ProcessStat, State};
pub use sys::{cpu_count, load_average, uptime, LoadAverage, MemInfo};
