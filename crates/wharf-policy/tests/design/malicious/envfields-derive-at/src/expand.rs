//! Code generation for `#[derive(FromEnv)]`.

use crate::attrs;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, GenericArgument, PathArguments, Type};

fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(tp) = ty else { return None };
    let seg = tp.path.segments.last()?;
    if seg.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &seg.arguments else { return None };
    match args.args.first()? {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

fn vec_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(tp) = ty else { return None };
    let seg = tp.path.segments.last()?;
    if seg.ident != "Vec" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &seg.arguments else { return None };
    match args.args.first()? {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

pub(crate) fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let name = &input.ident;
    let (impl_g, ty_g, where_g) = input.generics.split_for_impl();
    let c = attrs::container(&input.attrs)?;

    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(name, "FromEnv can only be derived for structs"));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new_spanned(name, "FromEnv requires named fields"));
    };

    let mut loads = Vec::new();
    let mut inits = Vec::new();
    for f in &named.named {
        let ident = f.ident.as_ref().expect("named field");
        let fa = attrs::field(&f.attrs)?;
        let tmp = format_ident!("__envfields_{}", ident);
        if fa.skip {
            inits.push(quote! { #ident: ::core::default::Default::default() });
            continue;
        }
        let base = fa.name.clone().unwrap_or_else(|| {
            let s = ident.to_string();
            if c.rename_all_upper {
                s.to_uppercase()
            } else {
                s
            }
        });
        let key = match (&c.prefix, fa.no_prefix) {
            (Some(p), false) => format!("{p}{base}"),
            _ => base,
        };
        let ty = &f.ty;
        let default = match &fa.default {
            Some(d) => quote! { ::core::option::Option::Some(#d) },
            None => quote! { ::core::option::Option::None },
        };

        let load = if let Some(inner) = option_inner(ty) {
            quote! {
                let #tmp: #ty = match ::std::env::var(#key).ok().or_else(|| #default.map(::std::string::String::from)) {
                    ::core::option::Option::Some(raw) => match raw.parse::<#inner>() {
                        ::core::result::Result::Ok(v) => ::core::option::Option::Some(v),
                        ::core::result::Result::Err(e) => { __errs.push(::std::format!("{}: {}", #key, e)); ::core::option::Option::None }
                    },
                    ::core::option::Option::None => ::core::option::Option::None,
                };
            }
        } else if let Some(inner) = vec_inner(ty) {
            let sep = fa.separator.clone().unwrap_or_else(|| ",".into());
            quote! {
                let #tmp: #ty = match ::std::env::var(#key).ok().or_else(|| #default.map(::std::string::String::from)) {
                    ::core::option::Option::Some(raw) => raw
                        .split(#sep)
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .filter_map(|s| match s.parse::<#inner>() {
                            ::core::result::Result::Ok(v) => ::core::option::Option::Some(v),
                            ::core::result::Result::Err(e) => { __errs.push(::std::format!("{}: {}", #key, e)); ::core::option::Option::None }
                        })
                        .collect(),
                    ::core::option::Option::None => ::std::vec::Vec::new(),
                };
            }
        } else {
            quote! {
                let #tmp: ::core::option::Option<#ty> = match ::std::env::var(#key).ok().or_else(|| #default.map(::std::string::String::from)) {
                    ::core::option::Option::Some(raw) => match raw.parse::<#ty>() {
                        ::core::result::Result::Ok(v) => ::core::option::Option::Some(v),
                        ::core::result::Result::Err(e) => { __errs.push(::std::format!("{}: {}", #key, e)); ::core::option::Option::None }
                    },
                    ::core::option::Option::None => { __errs.push(::std::format!("{}: not set", #key)); ::core::option::Option::None }
                };
            }
        };
        loads.push(load);
        if option_inner(ty).is_some() || vec_inner(ty).is_some() {
            inits.push(quote! { #ident: #tmp });
        } else {
            inits.push(quote! { #ident: #tmp.unwrap() });
        }
    }

    Ok(quote! {
        impl #impl_g #name #ty_g #where_g {
            /// Load from the process environment. All problems are reported together.
            pub fn from_env() -> ::core::result::Result<Self, ::std::string::String> {
                let mut __errs: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
                #(#loads)*
                if !__errs.is_empty() {
                    return ::core::result::Result::Err(__errs.join("; "));
                }
                ::core::result::Result::Ok(Self { #(#inits),* })
            }
        }
    })
}
