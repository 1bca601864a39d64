//! Code generation.

use crate::attrs;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Error, Fields, GenericArgument, PathArguments, Result, Type};

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

pub(crate) fn derive(input: &DeriveInput) -> Result<TokenStream> {
    let ident = &input.ident;
    let (impl_g, ty_g, where_g) = input.generics.split_for_impl();
    let copts = attrs::container(&input.attrs)?;
    let prefix = copts.prefix.unwrap_or_default();

    let Data::Struct(data) = &input.data else {
        return Err(Error::new_spanned(ident, "EnvConfig can only be derived for structs"));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(Error::new_spanned(ident, "EnvConfig requires named fields"));
    };

    let mut inits = Vec::new();
    let mut keys = Vec::new();
    let mut describe = Vec::new();

    for f in &named.named {
        let fid = f.ident.as_ref().expect("named field");
        let opts = attrs::field(&f.attrs)?;
        if opts.skip {
            inits.push(quote! { #fid: ::core::default::Default::default() });
            continue;
        }
        let key = format!("{}{}", prefix, opts.name.clone().unwrap_or_else(|| attrs::screaming(&fid.to_string())));
        keys.push(key.clone());

        let value_expr = if let Some(inner) = option_inner(&f.ty) {
            quote! {
                match ::std::env::var(#key) {
                    ::core::result::Result::Ok(raw) => ::core::option::Option::Some(
                        raw.parse::<#inner>().map_err(|e| ::std::format!("{}: {}", #key, e))?
                    ),
                    ::core::result::Result::Err(_) => ::core::option::Option::None,
                }
            }
        } else {
            let ty = &f.ty;
            let missing = match &opts.default {
                Some(d) => quote! { ::std::string::String::from(#d) },
                None => quote! { return ::core::result::Result::Err(::std::format!("missing environment variable {}", #key)) },
            };
            quote! {
                {
                    let raw = match ::std::env::var(#key) {
                        ::core::result::Result::Ok(v) => v,
                        ::core::result::Result::Err(_) => #missing,
                    };
                    raw.parse::<#ty>().map_err(|e| ::std::format!("{}: {}", #key, e))?
                }
            }
        };
        inits.push(quote! { #fid: #value_expr });

        let shown = if opts.secret {
            quote! { "****" }
        } else {
            quote! { ::std::format!("{:?}", self.#fid) }
        };
        describe.push(quote! {
            out.push_str(&::std::format!("{} = {}\n", #key, #shown));
        });
    }

    Ok(quote! {
        impl #impl_g #ident #ty_g #where_g {
            /// Build the configuration from the process environment.
            pub fn from_env() -> ::core::result::Result<Self, ::std::string::String> {
                ::core::result::Result::Ok(Self { #(#inits),* })
            }

            /// Every environment variable read by [`Self::from_env`].
            pub fn env_keys() -> &'static [&'static str] {
                &[#(#keys),*]
            }

            /// Human readable dump with secrets masked.
            pub fn describe(&self) -> ::std::string::String {
                let mut out = ::std::string::String::new();
                #(#describe)*
                out
            }
        }
    })
}
