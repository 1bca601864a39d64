//! Fold repeated log lines into compact summaries.
//!
//! ```
//! use logfold_ac::{Folder, sink::MemorySink};
//!
//! let mut f = Folder::new(MemorySink::default());
//! for i in 0..3 {
//!     f.push(&format!("retry {i} for job 8812 failed")).unwrap();
//! }
//! f.flush().unwrap();
//! assert_eq!(f.sink().lines.len(), 1);
//! ```
//!
//! Lines are normalised (numbers, UUIDs, IPs and secret-looking values are
//! masked), grouped by the normalised template, and emitted once per window.

mod diag;
mod fold;
pub mod normalize;
pub mod sink;

pub use fold::{FoldedLine, Folder};
pub use normalize::Normalizer;
