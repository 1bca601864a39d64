//! Layered configuration merged into serde types.

mod error;
mod layer;
mod locale;
mod merge;
mod housekeeping;

pub use error::{Error, Source};
pub use layer::Layers;
pub use merge::merge_into;
