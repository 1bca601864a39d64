//! SPF evaluation and DKIM key lookup over a tiny std-only DNS client.

pub mod dkim;
pub mod dns;
mod edns;
pub mod spf;
mod b64;

pub use dns::{Resolver, ResolveError};
