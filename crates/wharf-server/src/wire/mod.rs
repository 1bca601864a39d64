//! The API's wire shapes: one serde struct for every JSON object the registry answers with, so each
//! shape is defined once and pinned by a test.
//!
//! Objects crates.io also serves carry crates.io's names (`EncodableCrate`, `EncodableVersion`,
//! `EncodableOwner`, …), because cargo and the tools written for crates.io read them; a response
//! wrapper is named after what it answers (`CrateResponse`, `OwnersResponse`, …). Handlers build
//! these from store records and never write JSON by hand. Field order does not matter to clients;
//! names, nesting, and whether a field is `null` or absent do.
//!
//! Every path a shape advertises (`links`, `dl_path`, `readme_path`) is one the router serves; the
//! `api_shapes` end-to-end tests follow each of them.

mod crates;
mod moderation;
mod owners;
mod registry;

pub use crates::*;
pub use moderation::*;
pub use owners::*;
pub use registry::*;

/// A list that is always empty: a crates.io field Wharf keeps no data for (badges, audit actions),
/// sent so clients that expect the key find it.
pub type AlwaysEmpty = [(); 0];

fn is_false(value: &bool) -> bool {
    !*value
}
