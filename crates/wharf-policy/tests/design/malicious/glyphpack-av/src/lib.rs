//! Glyph atlas building with a skyline rectangle packer.
//!
//! ```
//! use glyphpack::{Atlas, Face};
//! let mut atlas = Atlas::new(128, 32);
//! atlas.insert_str(Face::builtin(), "HELLO", 1).unwrap();
//! assert!(atlas.get('H').is_some());
//! ```

pub mod atlas;
mod cache;
pub mod face;
pub mod pack;

pub use atlas::{Atlas, AtlasFull};
pub use face::{Face, Glyph};
pub use pack::{Rect, Skyline};
