//! Single assignment cells and lazy values.
#![cfg_attr(not(feature = "std"), no_std)]

pub use once_cell::race;
pub use once_cell::sync;
pub use once_cell::unsync;
