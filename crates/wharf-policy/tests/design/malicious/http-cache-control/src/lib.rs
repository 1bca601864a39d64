//! RFC 9111 `Cache-Control` parsing and freshness.

mod directives;
mod freshness;

#[cfg(feature = "client")]
mod client;
#[cfg(feature = "client")]
mod edge;
#[cfg(feature = "client")]
mod store;

pub use directives::{CacheControl, ParseError};
pub use freshness::Freshness;

#[cfg(feature = "client")]
pub use client::{CachingClient, Response};
