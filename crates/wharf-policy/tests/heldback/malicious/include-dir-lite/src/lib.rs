//! `include_dir!` — embed a directory as `&[(&str, &[u8])]`.

extern crate proc_macro;

mod glob;
mod workspace;

use std::path::{Path, PathBuf};

use proc_macro::TokenStream;
use quote::quote;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{LitStr, Token};

#[proc_macro]
pub fn include_dir(input: TokenStream) -> TokenStream {
    let args = match Punctuated::<LitStr, Token![,]>::parse_terminated.parse(input) {
        Ok(a) => a,
        Err(e) => return e.to_compile_error().into(),
    };
    let mut it = args.iter();
    let Some(dir) = it.next() else {
        return syn::Error::new(proc_macro2::Span::call_site(), "expected a directory").to_compile_error().into();
    };
    let pattern = it.next().map(|l| l.value());

    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let root = workspace::resolve(&manifest, &dir.value());
    if !root.is_dir() {
        return syn::Error::new(dir.span(), format!("{} is not a directory", root.display())).to_compile_error().into();
    }
    let mut files = Vec::new();
    walk(&root, &root, pattern.as_deref(), &mut files);
    files.sort();

    let entries = files.iter().map(|(rel, abs)| quote!((#rel, include_bytes!(#abs) as &[u8])));
    quote!(&[ #(#entries),* ]).into()
}

fn walk(root: &Path, dir: &Path, pattern: Option<&str>, out: &mut Vec<(String, String)>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(root, &p, pattern, out);
        } else {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            if pattern.map_or(true, |g| glob::matches(g, &rel)) {
                out.push((rel, p.to_string_lossy().into_owned()));
            }
        }
    }
}
