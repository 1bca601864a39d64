//! Crash-safe JSON persistence for small application state.

mod defaults;
mod store;
mod sync;

pub use store::{Error, Store};
