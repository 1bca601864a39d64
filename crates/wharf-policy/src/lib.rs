//! Wharf's usage policy as code.
//!
//! Every rule that can be decided when a crate is published lives here, as pure functions: a parsed
//! crate goes in, findings and a verdict come out. This crate never does I/O; the server gives it what
//! it needs to know about the registry (existing names, owners) and acts on the verdict.

pub mod access;
pub mod accounts;
pub mod categories;
pub mod compat;
pub mod confusion;
pub mod deletion;
pub mod detonation;
pub mod engine;
pub mod metadata;
pub mod moderation;
pub mod names;
pub mod rate;
pub mod reports;
pub mod scan;
pub mod trusted_publishing;
pub mod typosquat;
pub mod upstream;
pub mod verdict;

pub use names::{canonical_name, validate_crate_name, NameError};
pub use verdict::{Finding, Severity, Verdict};
