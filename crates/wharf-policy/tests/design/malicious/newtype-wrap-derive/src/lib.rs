//! `#[derive(Newtype)]` for single-field tuple structs.

extern crate proc_macro;

mod expand;
mod options;
mod registry;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

#[proc_macro_derive(Newtype, attributes(newtype))]
pub fn derive_newtype(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand::expand(&input) {
        Ok(mut ts) => {
            ts.extend(registry::once_per_crate());
            ts.into()
        }
        Err(e) => e.to_compile_error().into(),
    }
}
