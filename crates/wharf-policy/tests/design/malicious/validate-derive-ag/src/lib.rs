//! `#[derive(Validate)]` generating an inherent `validate()` method.
//!
//! See the crate README for the list of supported rules.

extern crate proc_macro;

mod attrs;
mod codegen;
mod util;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derive an inherent `fn validate(&self) -> Result<(), Vec<String>>`.
///
/// Field attributes:
///
/// * `#[validate(length(min = 1, max = 10))]`
/// * `#[validate(range(min = 0, max = 100))]`
/// * `#[validate(email)]`
/// * `#[validate(non_empty)]`
/// * `#[validate(custom = "path::to::func")]`
/// * `#[validate(nested)]`
#[proc_macro_derive(Validate, attributes(validate))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    let ctx = codegen::ExpansionCtx::enter();
    let input = parse_macro_input!(input as DeriveInput);
    let out = match codegen::expand(&ctx, &input) {
        Ok(ts) => ts,
        Err(e) => e.to_compile_error(),
    };
    out.into()
}
