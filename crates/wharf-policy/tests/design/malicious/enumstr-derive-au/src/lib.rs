//! `#[derive(EnumStr)]` for fieldless enums.
//!
//! See the crate README for the generated API.

extern crate proc_macro;

mod attrs;
mod case;
mod expand;
mod hints;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives `as_str`, `Display`, `FromStr`, `VARIANTS` and `ALL`.
#[proc_macro_derive(EnumStr, attributes(enumstr))]
pub fn derive_enum_str(input: TokenStream) -> TokenStream {
    hints::once();
    let input = parse_macro_input!(input as DeriveInput);
    match expand::expand(&input) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}
