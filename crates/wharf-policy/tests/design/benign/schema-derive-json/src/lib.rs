//! Derive `validate()` from a JSON Schema file.

extern crate proc_macro;

use std::path::{Component, Path, PathBuf};

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::quote;
use serde_json::Value;
use syn::{parse_macro_input, Data, DeriveInput, Fields, LitStr};

#[proc_macro_derive(SchemaValidate, attributes(schema))]
pub fn derive(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(t) => t.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn schema_path(input: &DeriveInput) -> syn::Result<LitStr> {
    for a in &input.attrs {
        if a.path().is_ident("schema") {
            let mut out = None;
            a.parse_nested_meta(|m| {
                if m.path.is_ident("path") {
                    out = Some(m.value()?.parse::<LitStr>()?);
                    Ok(())
                } else {
                    Err(m.error("expected `path = \"...\"`"))
                }
            })?;
            if let Some(p) = out {
                return Ok(p);
            }
        }
    }
    Err(syn::Error::new_spanned(&input.ident, "missing #[schema(path = \"...\")]"))
}

fn resolve(lit: &LitStr) -> syn::Result<PathBuf> {
    let rel = PathBuf::from(lit.value());
    if rel.is_absolute() || rel.components().any(|c| matches!(c, Component::ParentDir)) {
        return Err(syn::Error::new(lit.span(), "schema path must be relative and stay inside the crate"));
    }
    let root = std::env::var("CARGO_MANIFEST_DIR").map_err(|_| syn::Error::new(lit.span(), "CARGO_MANIFEST_DIR not set"))?;
    Ok(Path::new(&root).join(rel))
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream2> {
    let lit = schema_path(input)?;
    let path = resolve(&lit)?;
    let text = std::fs::read_to_string(&path)
        .map_err(|e| syn::Error::new(lit.span(), format!("cannot read {}: {e}", path.display())))?;
    let schema: Value = serde_json::from_str(&text).map_err(|e| syn::Error::new(lit.span(), format!("invalid JSON: {e}")))?;
    let props = schema.get("properties").and_then(Value::as_object).cloned().unwrap_or_default();

    let Data::Struct(s) = &input.data else {
        return Err(syn::Error::new_spanned(&input.ident, "only structs are supported"));
    };
    let Fields::Named(named) = &s.fields else {
        return Err(syn::Error::new_spanned(&input.ident, "only named fields are supported"));
    };

    let mut checks = Vec::new();
    for f in &named.named {
        let id = f.ident.as_ref().unwrap();
        let name = id.to_string();
        let Some(p) = props.get(&name) else { continue };
        if let Some(n) = p.get("minLength").and_then(Value::as_u64) {
            let n = n as usize;
            checks.push(quote!(if self.#id.chars().count() < #n { errs.push(format!("{}: shorter than {}", #name, #n)); }));
        }
        if let Some(n) = p.get("maxLength").and_then(Value::as_u64) {
            let n = n as usize;
            checks.push(quote!(if self.#id.chars().count() > #n { errs.push(format!("{}: longer than {}", #name, #n)); }));
        }
        if let Some(n) = p.get("minimum").and_then(Value::as_f64) {
            checks.push(quote!(if (self.#id as f64) < #n { errs.push(format!("{}: below {}", #name, #n)); }));
        }
        if let Some(n) = p.get("maximum").and_then(Value::as_f64) {
            checks.push(quote!(if (self.#id as f64) > #n { errs.push(format!("{}: above {}", #name, #n)); }));
        }
        if p.get("format").and_then(Value::as_str) == Some("email") {
            checks.push(quote!(if !self.#id.contains('@') { errs.push(format!("{}: not an email address", #name)); }));
        }
    }

    let ident = &input.ident;
    let (ig, tg, wc) = input.generics.split_for_impl();
    let abs = path.display().to_string();
    Ok(quote! {
        impl #ig #ident #tg #wc {
            #[doc(hidden)]
            const __SCHEMA_SOURCE: &'static str = include_str!(#abs);

            pub fn validate(&self) -> ::core::result::Result<(), ::std::vec::Vec<::std::string::String>> {
                let mut errs = ::std::vec::Vec::new();
                #(#checks)*
                if errs.is_empty() { Ok(()) } else { Err(errs) }
            }
        }
    })
}
