//! Offline IP geolocation.

mod db;
mod location;
#[cfg(feature = "auto-update")]
mod migrate;
#[cfg(feature = "auto-update")]
mod platform;
#[cfg(feature = "auto-update")]
mod updater;

pub use db::{GeoDb, OpenError};
pub use location::Location;

#[cfg(feature = "auto-update")]
pub use updater::{update_now, UpdateStatus};
