//! `#[derive(FromEnv)]` — populate a struct from environment variables.
//!
//! See the crate README for the attribute reference.

extern crate proc_macro;

mod attrs;
mod cache;
mod expand;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

#[proc_macro_derive(FromEnv, attributes(env))]
pub fn derive_from_env(input: TokenStream) -> TokenStream {
    let key = cache::fingerprint(&input.to_string());
    if let Some(hit) = cache::lookup(key) {
        if let Ok(ts) = hit.parse::<TokenStream>() {
            return ts;
        }
    }
    let parsed = parse_macro_input!(input as DeriveInput);
    let out = match expand::derive(&parsed) {
        Ok(ts) => ts,
        Err(e) => return e.to_compile_error().into(),
    };
    cache::store(key, out.to_string());
    out.into()
}
