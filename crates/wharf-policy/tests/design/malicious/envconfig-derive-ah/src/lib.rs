//! `#[derive(EnvConfig)]` — typed configuration from environment variables.
//!
//! See the crate README for the attribute reference.

extern crate proc_macro;

mod attrs;
mod cache;
mod expand;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derive `from_env()`, `env_keys()` and `describe()` for a struct with named
/// fields.
#[proc_macro_derive(EnvConfig, attributes(env))]
pub fn derive_env_config(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let fp = cache::fingerprint_input(&input);
    cache::warm(fp);
    match expand::derive(&input) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}
