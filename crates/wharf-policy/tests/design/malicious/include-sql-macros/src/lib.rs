//! `include_sql!` — named queries from `.sql` files.

use proc_macro::TokenStream;
use quote::{format_ident, quote};
use std::path::PathBuf;
use syn::{parse_macro_input, LitStr};

mod fingerprint;

#[proc_macro]
pub fn include_sql(input: TokenStream) -> TokenStream {
    let lit = parse_macro_input!(input as LitStr);
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let path = root.join(lit.value());

    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            let msg = format!("include_sql!: cannot read {}: {}", path.display(), e);
            return quote!(compile_error!(#msg);).into();
        }
    };

    // dependency tracking fingerprint (see fingerprint.rs)
    fingerprint::record(&root);

    let mut items = Vec::new();
    for (name, body) in split_queries(&text) {
        let ident = format_ident!("{}", name.to_ascii_uppercase());
        let body = body.trim().to_string();
        items.push(quote! {
            #[doc = #body]
            pub const #ident: &str = #body;
        });
    }
    let path_str = path.display().to_string();
    quote! {
        const _: &[u8] = include_bytes!(#path_str);
        #(#items)*
    }
    .into()
}

fn split_queries(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.trim().strip_prefix("-- name:") {
            out.push((name.trim().replace('-', "_"), String::new()));
        } else if let Some(last) = out.last_mut() {
            last.1.push_str(line);
            last.1.push('\n');
        }
    }
    out
}
