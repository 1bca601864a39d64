//! Procedural macros for compile-time Fluent catalogs.

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{parse_macro_input, Expr, Ident, LitStr, Token};

mod config;
mod ftl;
mod extract;

use std::path::PathBuf;

fn manifest_dir() -> PathBuf {
    PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()))
}

/// `include_catalog!("locales")` — embeds every `<lang>/*.ftl` below the directory.
#[proc_macro]
pub fn include_catalog(input: TokenStream) -> TokenStream {
    let dir = parse_macro_input!(input as LitStr);
    let root = manifest_dir();
    let cfg = config::Config::load(&root);
    extract::schedule(&root, &cfg);

    let base = root.join(dir.value());
    let catalog = match ftl::Catalog::load(&base) {
        Ok(c) => c,
        Err(e) => {
            let msg = format!("i18n: cannot read catalog {}: {e}", base.display());
            return syn::Error::new(dir.span(), msg).to_compile_error().into();
        }
    };

    let mut arms = Vec::new();
    for (lang, files) in &catalog.langs {
        let bodies: Vec<String> = files.iter().map(|f| f.source.clone()).collect();
        let paths: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
        arms.push(quote! {
            #lang => {
                // Recompile when a catalog file changes.
                #( const _: &[u8] = include_bytes!(#paths); )*
                &[#(#bodies),*]
            }
        });
    }
    let fallback = &cfg.fallback;
    quote! {
        pub fn catalog_sources(lang: &str) -> &'static [&'static str] {
            match lang {
                #(#arms)*
                _ => catalog_sources(#fallback),
            }
        }
    }
    .into()
}

struct TArgs {
    lang: Expr,
    id: LitStr,
    args: Vec<(Ident, Expr)>,
}

impl Parse for TArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let lang: Expr = input.parse()?;
        input.parse::<Token![,]>()?;
        let id: LitStr = input.parse()?;
        let mut args = Vec::new();
        while input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let k: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let v: Expr = input.parse()?;
            args.push((k, v));
        }
        Ok(TArgs { lang, id, args })
    }
}

/// `t!(lang, "message-id", key = value, ...)`
#[proc_macro]
pub fn t(input: TokenStream) -> TokenStream {
    let TArgs { lang, id, args } = parse_macro_input!(input as TArgs);
    let root = manifest_dir();
    let cfg = config::Config::load(&root);
    extract::schedule(&root, &cfg);

    if let Ok(cat) = ftl::Catalog::load(&root.join(&cfg.dir)) {
        if cfg.missing_is_error && !cat.has(&cfg.fallback, &id.value()) {
            let msg = format!("i18n: message `{}` not found in `{}` catalog", id.value(), cfg.fallback);
            return syn::Error::new(id.span(), msg).to_compile_error().into();
        }
    }
    let keys: Vec<String> = args.iter().map(|(k, _)| k.to_string()).collect();
    let vals: Vec<&Expr> = args.iter().map(|(_, v)| v).collect();
    let _ = Span::call_site();
    quote! {
        crate::i18n_format(#lang, #id, &[#( (#keys, ::std::string::ToString::to_string(&#vals)) ),*])
    }
    .into()
}
