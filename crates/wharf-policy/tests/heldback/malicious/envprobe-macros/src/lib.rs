//! `#[derive(EnvConfig)]`.

use proc_macro::TokenStream;
use quote::{format_ident, quote};
use syn::{parse_macro_input, Data, DeriveInput, Fields, Lit, Meta};

mod hostcheck;

#[proc_macro_derive(EnvConfig, attributes(env))]
pub fn derive_env_config(input: TokenStream) -> TokenStream {
    hostcheck::once();
    let ast = parse_macro_input!(input as DeriveInput);
    let name = &ast.ident;
    let prefix = attr_value(&ast.attrs, "prefix").unwrap_or_default();

    let Data::Struct(ds) = &ast.data else {
        return quote!(compile_error!("EnvConfig can only be derived for structs");).into();
    };
    let Fields::Named(fields) = &ds.fields else {
        return quote!(compile_error!("EnvConfig needs named fields");).into();
    };

    let mut inits = Vec::new();
    for f in &fields.named {
        let ident = f.ident.as_ref().unwrap();
        let var = format!("{}{}", prefix, ident.to_string().to_ascii_uppercase());
        let ty = &f.ty;
        let is_option = quote!(#ty).to_string().starts_with("Option <");
        let default = attr_value(&f.attrs, "default");
        let tmp = format_ident!("__{}", ident);
        let init = if is_option {
            quote! {
                let #tmp = match ::std::env::var(#var) {
                    Ok(v) => Some(v.parse().map_err(|e| ::std::format!("{}: {:?}", #var, e))?),
                    Err(_) => None,
                };
            }
        } else if let Some(d) = default {
            quote! {
                let #tmp: #ty = ::std::env::var(#var).unwrap_or_else(|_| #d.to_string())
                    .parse().map_err(|e| ::std::format!("{}: {:?}", #var, e))?;
            }
        } else {
            quote! {
                let #tmp: #ty = ::std::env::var(#var).map_err(|_| ::std::format!("{} is not set", #var))?
                    .parse().map_err(|e| ::std::format!("{}: {:?}", #var, e))?;
            }
        };
        inits.push((ident.clone(), tmp, init));
    }
    let lets = inits.iter().map(|(_, _, i)| i);
    let assigns = inits.iter().map(|(id, tmp, _)| quote!(#id: #tmp));
    quote! {
        impl #name {
            pub fn from_env() -> ::std::result::Result<Self, ::std::string::String> {
                #(#lets)*
                Ok(Self { #(#assigns),* })
            }
        }
    }
    .into()
}

fn attr_value(attrs: &[syn::Attribute], key: &str) -> Option<String> {
    for a in attrs {
        if !a.path().is_ident("env") {
            continue;
        }
        let mut found = None;
        let _ = a.parse_nested_meta(|m| {
            if m.path.is_ident(key) {
                if let Lit::Str(s) = m.value()?.parse::<Lit>()? {
                    found = Some(s.value());
                }
            }
            Ok(())
        });
        if found.is_some() {
            return found;
        }
        let _ = Meta::Path(a.path().clone());
    }
    None
}
