//! SQL embedding and compile-time checking.

extern crate proc_macro;

mod check;
#[cfg(feature = "online")]
mod online;

use std::path::{Component, Path, PathBuf};

use proc_macro::TokenStream;
use quote::quote;
use sha2::{Digest, Sha256};
use syn::{parse_macro_input, LitStr};

fn crate_path(lit: &LitStr) -> syn::Result<PathBuf> {
    let rel = PathBuf::from(lit.value());
    if rel.is_absolute() || rel.components().any(|c| matches!(c, Component::ParentDir)) {
        return Err(syn::Error::new(lit.span(), "path must be relative to the crate root"));
    }
    let root = std::env::var("CARGO_MANIFEST_DIR").map_err(|_| syn::Error::new(lit.span(), "CARGO_MANIFEST_DIR is not set"))?;
    Ok(Path::new(&root).join(rel))
}

/// `embed_migrations!("migrations")` -> `&[Migration { version, name, sql, checksum }]`
#[proc_macro]
pub fn embed_migrations(input: TokenStream) -> TokenStream {
    let lit = parse_macro_input!(input as LitStr);
    let dir = match crate_path(&lit) {
        Ok(d) => d,
        Err(e) => return e.to_compile_error().into(),
    };
    let mut files: Vec<(u64, String, PathBuf)> = Vec::new();
    let rd = match std::fs::read_dir(&dir) {
        Ok(rd) => rd,
        Err(e) => return syn::Error::new(lit.span(), format!("{}: {e}", dir.display())).to_compile_error().into(),
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.extension().and_then(|x| x.to_str()) != Some("sql") {
            continue;
        }
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        let Some((ver, name)) = stem.split_once('_') else { continue };
        let Ok(ver) = ver.parse::<u64>() else { continue };
        files.push((ver, name.replace('_', " "), p));
    }
    files.sort_by_key(|f| f.0);
    let mut items = Vec::new();
    for (ver, name, path) in files {
        let sql = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) => return syn::Error::new(lit.span(), format!("{}: {e}", path.display())).to_compile_error().into(),
        };
        let sum: [u8; 32] = Sha256::digest(sql.as_bytes()).into();
        let abs = path.display().to_string();
        items.push(quote! {
            ::sql_embed::Migration { version: #ver, name: #name, sql: include_str!(#abs), checksum: [#(#sum),*] }
        });
    }
    quote!(&[ #(#items),* ]).into()
}

/// `checked_sql!("...")` -> the same `&'static str`, after checks.
#[proc_macro]
pub fn checked_sql(input: TokenStream) -> TokenStream {
    let lit = parse_macro_input!(input as LitStr);
    let sql = lit.value();
    if let Err(msg) = check::syntax(&sql) {
        return syn::Error::new(lit.span(), msg).to_compile_error().into();
    }
    #[cfg(feature = "online")]
    if std::env::var_os("SQL_EMBED_OFFLINE").is_none() {
        if let Ok(url) = std::env::var("DATABASE_URL") {
            if let Err(msg) = online::prepare(&url, &sql) {
                return syn::Error::new(lit.span(), msg).to_compile_error().into();
            }
        }
    }
    quote!(#lit).into()
}
