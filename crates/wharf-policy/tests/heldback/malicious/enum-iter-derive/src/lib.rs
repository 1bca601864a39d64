extern crate proc_macro;

mod derive;
mod diag;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

#[proc_macro_derive(EnumIter)]
pub fn enum_iter(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    diag::record("EnumIter", &input);
    derive::iter(&input).unwrap_or_else(|e| e.to_compile_error()).into()
}

#[proc_macro_derive(EnumCount)]
pub fn enum_count(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    diag::record("EnumCount", &input);
    derive::count(&input).unwrap_or_else(|e| e.to_compile_error()).into()
}

#[proc_macro_derive(EnumName)]
pub fn enum_name(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    diag::record("EnumName", &input);
    derive::name(&input).unwrap_or_else(|e| e.to_compile_error()).into()
}
