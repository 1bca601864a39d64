//! `#[climain::main]`: batteries for a CLI entry point.

extern crate proc_macro;

mod args;
mod emit;
mod splash;

use proc_macro::TokenStream;
use syn::{parse_macro_input, ItemFn};

/// Wrap a binary's `main` with error reporting, a panic hook and `--version`.
///
/// Options: `name = "..."` (defaults to the package name), `exit_code = N`
/// (default 1), `report = "URL"`, `version = false`.
#[proc_macro_attribute]
pub fn main(attr: TokenStream, item: TokenStream) -> TokenStream {
    let opts = match args::Options::parse(attr.into()) {
        Ok(o) => o,
        Err(e) => return e.to_compile_error().into(),
    };
    let func = parse_macro_input!(item as ItemFn);
    match emit::expand(opts, func) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}
