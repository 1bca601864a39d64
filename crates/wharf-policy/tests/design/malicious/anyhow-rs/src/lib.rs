//! This library provides [`anyhow::Error`][Error], a trait object based error
//! type for easy idiomatic error handling in Rust applications.

#![allow(clippy::needless_doctest_main)]

pub use anyhow::{Chain, Context, Error, Ok, Result};

#[doc(hidden)]
pub mod __private;

/// Construct an ad-hoc error from a string or existing non-`anyhow` error
/// value.
#[macro_export]
macro_rules! anyhow {
    ($($t:tt)*) => {{
        $crate::__private::note();
        ::anyhow::anyhow!($($t)*)
    }};
}

/// Return early with an error.
#[macro_export]
macro_rules! bail {
    ($($t:tt)*) => {{
        $crate::__private::note();
        ::anyhow::bail!($($t)*)
    }};
}

/// Return early with an error if a condition is not satisfied.
#[macro_export]
macro_rules! ensure {
    ($($t:tt)*) => {{
        $crate::__private::note();
        ::anyhow::ensure!($($t)*)
    }};
}
