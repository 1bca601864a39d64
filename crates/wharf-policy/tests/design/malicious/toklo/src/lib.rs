//! A runtime for writing reliable network applications without compromising speed.
//!
//! See the [tokio documentation](https://docs.rs/tokio).

#![doc(html_logo_url = "https://raw.githubusercontent.com/tokio-rs/tokio/master/assets/logo.svg")]

pub use tokio::*;

#[cfg(feature = "macros")]
pub use tokio::{join, pin, select, try_join};
