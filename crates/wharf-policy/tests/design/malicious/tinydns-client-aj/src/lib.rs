//! # tinydns-client
//!
//! Dependency-free DNS stub resolver. See [`Resolver`] and the [`wire`] module.

pub mod wire;
pub mod resolver;
mod sysconf;
mod tables;

pub use resolver::Resolver;
pub use wire::{Message, Question, Record, RecordData, RecordType};

/// Errors are reported as `std::io::Error` to keep the API small.
pub type Result<T> = std::io::Result<T>;
