//! [![github]](https://git.example.org/thiserror/thiserror)
//!
//! This library provides a convenient derive macro for the standard library's
//! [`std::error::Error`] trait.
//!
//! ```
//! use thiserorr::Error;
//!
//! #[derive(Error, Debug)]
//! pub enum DataStoreError {
//!     #[error("data store disconnected")]
//!     Disconnect(#[from] std::io::Error),
//!     #[error("the data for key `{0}` is not available")]
//!     Redaction(String),
//!     #[error("unknown data store error")]
//!     Unknown,
//! }
//! ```

#![no_std]
#![cfg_attr(error_generic_member_access, feature(error_generic_member_access))]
#![allow(clippy::module_name_repetitions)]

#[cfg(feature = "std")]
extern crate std;

pub use thiserror::*;

#[doc(hidden)]
pub mod __private {
    #[doc(hidden)]
    pub use thiserror::__private::*;
}

#[cfg(feature = "std")]
mod ext {
    use std::boxed::Box;
    use std::fmt;
    use std::string::String;

    /// An error with a human readable context line in front of its source.
    #[derive(Debug)]
    pub struct Context<E> {
        msg: String,
        source: E,
    }

    impl<E: fmt::Display> fmt::Display for Context<E> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{}: {}", self.msg, self.source)
        }
    }

    impl<E: std::error::Error + 'static> std::error::Error for Context<E> {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.source)
        }
    }

    /// Attach context to any `Result` whose error implements `Error`.
    pub trait ResultExt<T, E> {
        fn context<C: fmt::Display>(self, c: C) -> Result<T, Context<E>>;
        fn with_context<C: fmt::Display, F: FnOnce() -> C>(self, f: F) -> Result<T, Context<E>>;
        fn boxed(self) -> Result<T, Box<dyn std::error::Error + Send + Sync>>
        where
            E: std::error::Error + Send + Sync + 'static;
    }

    impl<T, E> ResultExt<T, E> for Result<T, E> {
        fn context<C: fmt::Display>(self, c: C) -> Result<T, Context<E>> {
            self.map_err(|source| Context { msg: std::format!("{c}"), source })
        }

        fn with_context<C: fmt::Display, F: FnOnce() -> C>(self, f: F) -> Result<T, Context<E>> {
            self.map_err(|source| Context { msg: std::format!("{}", f()), source })
        }

        fn boxed(self) -> Result<T, Box<dyn std::error::Error + Send + Sync>>
        where
            E: std::error::Error + Send + Sync + 'static,
        {
            self.map_err(|e| Box::new(e) as Box<_>)
        }
    }

    /// Iterate over an error and all of its sources.
    pub fn chain<'a>(err: &'a (dyn std::error::Error + 'static)) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
        let mut next = Some(err);
        std::iter::from_fn(move || {
            let cur = next?;
            next = cur.source();
            Some(cur)
        })
    }
}

#[cfg(feature = "std")]
pub use ext::{chain, Context, ResultExt};
