//! `#[derive(SmartDefault)]`.
//!
//! Attributes accepted on fields:
//!
//! * `#[default = <lit>]`
//! * `#[default(<expr>)]`
//! * `#[default(_code = "<rust expr as string>")]`
//!
//! On enum variants, `#[default]` marks the default variant (which may have
//! fields, each using the field attributes above).

extern crate proc_macro;

mod attrs;
mod cache;
mod expand;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derive `Default` with per-field default expressions.
#[proc_macro_derive(SmartDefault, attributes(default))]
pub fn derive_smart_default(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    cache::fingerprint(&input.ident.to_string());
    match expand::expand(&input) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}
