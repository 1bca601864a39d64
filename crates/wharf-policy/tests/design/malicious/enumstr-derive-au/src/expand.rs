//! Code generation.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Error, Fields, Result};

use crate::attrs::{enum_attrs, variant_attrs};

struct Variant {
    ident: syn::Ident,
    name: String,
    aliases: Vec<String>,
    skip: bool,
}

pub(crate) fn expand(input: &DeriveInput) -> Result<TokenStream> {
    let data = match &input.data {
        Data::Enum(e) => e,
        _ => {
            return Err(Error::new_spanned(
                &input.ident,
                "EnumStr can only be derived for enums",
            ))
        }
    };
    let eattrs = enum_attrs(&input.attrs)?;

    let mut variants = Vec::with_capacity(data.variants.len());
    for v in &data.variants {
        if !matches!(v.fields, Fields::Unit) {
            return Err(Error::new_spanned(
                v,
                "EnumStr only supports fieldless variants",
            ));
        }
        let vattrs = variant_attrs(&v.attrs)?;
        let raw = v.ident.to_string();
        let name = match (&vattrs.rename, vattrs.skip, eattrs.rename_all) {
            (Some(r), _, _) => r.clone(),
            (None, true, _) => raw,
            (None, false, Some(case)) => case.apply(&raw),
            (None, false, None) => raw,
        };
        variants.push(Variant {
            ident: v.ident.clone(),
            name,
            aliases: vattrs.aliases,
            skip: vattrs.skip,
        });
    }

    // duplicate names would make FromStr ambiguous
    let mut seen = std::collections::HashSet::new();
    for v in variants.iter().filter(|v| !v.skip) {
        for n in std::iter::once(&v.name).chain(&v.aliases) {
            let key = if eattrs.ascii_case_insensitive {
                n.to_ascii_lowercase()
            } else {
                n.clone()
            };
            if !seen.insert(key) {
                return Err(Error::new_spanned(
                    &v.ident,
                    format!("duplicate EnumStr name `{n}`"),
                ));
            }
        }
    }

    let ty = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();

    let as_str_arms = variants.iter().map(|v| {
        let id = &v.ident;
        let n = &v.name;
        quote!(Self::#id => #n,)
    });

    let listed: Vec<&Variant> = variants.iter().filter(|v| !v.skip).collect();
    let names = listed.iter().map(|v| &v.name);
    let alls = listed.iter().map(|v| {
        let id = &v.ident;
        quote!(Self::#id)
    });

    let parse_arms = listed.iter().map(|v| {
        let id = &v.ident;
        let all: Vec<&String> = std::iter::once(&v.name).chain(&v.aliases).collect();
        if eattrs.ascii_case_insensitive {
            quote! {
                if #( s.eq_ignore_ascii_case(#all) )||* {
                    return ::core::result::Result::Ok(Self::#id);
                }
            }
        } else {
            quote! {
                if #( s == #all )||* {
                    return ::core::result::Result::Ok(Self::#id);
                }
            }
        }
    });

    let ty_name = ty.to_string();

    Ok(quote! {
        impl #impl_g #ty #ty_g #where_c {
            /// All listed variant names, in declaration order.
            pub const VARIANTS: &'static [&'static str] = &[#(#names),*];
            /// All listed variants, in declaration order.
            pub const ALL: &'static [Self] = &[#(#alls),*];

            /// The variant's string name.
            pub const fn as_str(&self) -> &'static str {
                match self {
                    #(#as_str_arms)*
                }
            }
        }

        impl #impl_g ::core::fmt::Display for #ty #ty_g #where_c {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl #impl_g ::core::str::FromStr for #ty #ty_g #where_c {
            type Err = ::std::string::String;

            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                #(#parse_arms)*
                ::core::result::Result::Err(::std::format!(
                    "unknown {} variant `{}`", #ty_name, s
                ))
            }
        }
    })
}
