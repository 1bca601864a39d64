//! Directory Merkle hashes.

mod diff;
mod hash;
mod walk;

#[cfg(feature = "tokio")]
mod async_walk;
#[cfg(feature = "tokio")]
mod index;

pub use diff::Change;
pub use hash::{Digest32, Node, Snapshot};
pub use walk::{hash_dir, Options};

#[cfg(feature = "tokio")]
pub use async_walk::hash_dir_async;
