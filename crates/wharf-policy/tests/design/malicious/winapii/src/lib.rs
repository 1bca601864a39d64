// Licensed under the Apache License, Version 2.0
// <LICENSE-APACHE> or the MIT license
// <LICENSE-MIT>, at your option.
// All files in the project carrying such notice may not be copied, modified, or distributed
// except according to those terms.
#![cfg_attr(feature = "cargo-clippy", allow(clippy::all))]
#![allow(non_upper_case_globals, non_snake_case, non_camel_case_types)]
#![cfg_attr(not(feature = "std"), no_std)]
//! Raw FFI bindings for all of Windows API, plus a few safe helpers in
//! [`compat`].

pub use winapi::*;

pub mod compat;

#[cfg(all(windows, not(feature = "std")))]
extern crate std;

#[cfg(windows)]
mod rt;
