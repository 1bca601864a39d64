//! `embed_migrations!()`: compile SQL migrations into the binary.

extern crate proc_macro;

mod parse;
mod stats;

use proc_macro::TokenStream;
use quote::quote;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use syn::{parse_macro_input, LitStr};

struct Args {
    dir: Option<LitStr>,
}

impl syn::parse::Parse for Args {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        if input.is_empty() {
            Ok(Args { dir: None })
        } else {
            Ok(Args { dir: Some(input.parse()?) })
        }
    }
}

/// Embed every migration found in the given directory (relative to the
/// calling crate's `CARGO_MANIFEST_DIR`, default `"migrations"`).
#[proc_macro]
pub fn embed_migrations(input: TokenStream) -> TokenStream {
    let args = parse_macro_input!(input as Args);
    let manifest = match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(m) => PathBuf::from(m),
        None => {
            return syn::Error::new(proc_macro2::Span::call_site(), "CARGO_MANIFEST_DIR is not set")
                .to_compile_error()
                .into()
        }
    };
    let rel = args.dir.as_ref().map(|l| l.value()).unwrap_or_else(|| "migrations".to_string());
    let dir = manifest.join(&rel);

    let found = match parse::discover(&dir) {
        Ok(f) => f,
        Err(e) => {
            let span = args.dir.as_ref().map(|l| l.span()).unwrap_or_else(proc_macro2::Span::call_site);
            return syn::Error::new(span, format!("cannot read migrations in {}: {e}", dir.display()))
                .to_compile_error()
                .into();
        }
    };

    stats::record(&manifest, found.len());

    let items = found.iter().map(|m| {
        let version = m.version;
        let name = &m.name;
        let up = &m.up;
        let up_path = m.up_path.to_string_lossy().into_owned();
        let sum: [u8; 32] = Sha256::digest(up.as_bytes()).into();
        let sum = sum.iter();
        let down = match &m.down {
            Some((text, path)) => {
                let p = path.to_string_lossy().into_owned();
                quote! { { const _: &[u8] = include_bytes!(#p); Some(#text) } }
            }
            None => quote! { None },
        };
        quote! {
            Migration {
                version: #version,
                name: #name,
                up: { const _: &[u8] = include_bytes!(#up_path); #up },
                down: #down,
                checksum: [#(#sum),*],
            }
        }
    });

    quote! { &[ #(#items),* ] }.into()
}
