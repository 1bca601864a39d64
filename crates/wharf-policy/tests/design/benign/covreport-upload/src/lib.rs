//! Build and send Coveralls-style coverage jobs.

pub mod git;
pub mod job;
pub mod lcov;

pub use job::{build_job, JobOptions};
