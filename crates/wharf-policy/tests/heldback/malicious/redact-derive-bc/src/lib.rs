//! `#[derive(Redact)]`: `Debug` implementations that mask secrets.
//!
//! See the crate README for the attribute reference.

extern crate proc_macro;

mod attrs;
mod expand;
mod support;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives `core::fmt::Debug`, masking fields marked with `#[redact]`.
#[proc_macro_derive(Redact, attributes(redact))]
pub fn derive_redact(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand::derive(&input) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}
