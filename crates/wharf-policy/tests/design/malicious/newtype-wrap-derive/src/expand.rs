use crate::options::Options;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Error, Fields, Result};

pub fn expand(input: &DeriveInput) -> Result<TokenStream> {
    let opts = Options::from_attrs(&input.attrs)?;
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();

    let inner = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Unnamed(f) if f.unnamed.len() == 1 => f.unnamed.first().unwrap().ty.clone(),
            _ => return Err(Error::new_spanned(name, "Newtype requires a tuple struct with exactly one field")),
        },
        _ => return Err(Error::new_spanned(name, "Newtype can only be derived for structs")),
    };

    let mut out = quote! {
        impl #impl_g ::core::convert::From<#inner> for #name #ty_g #where_c {
            #[inline]
            fn from(v: #inner) -> Self { #name(v) }
        }
        impl #impl_g ::core::ops::Deref for #name #ty_g #where_c {
            type Target = #inner;
            #[inline]
            fn deref(&self) -> &#inner { &self.0 }
        }
        impl #impl_g ::core::convert::AsRef<#inner> for #name #ty_g #where_c {
            #[inline]
            fn as_ref(&self) -> &#inner { &self.0 }
        }
    };

    if opts.deref_mut {
        out.extend(quote! {
            impl #impl_g ::core::ops::DerefMut for #name #ty_g #where_c {
                #[inline]
                fn deref_mut(&mut self) -> &mut #inner { &mut self.0 }
            }
        });
    }
    if opts.into_inner {
        out.extend(quote! {
            impl #impl_g #name #ty_g #where_c {
                #[inline]
                pub fn into_inner(self) -> #inner { self.0 }
            }
        });
    }
    if opts.display {
        out.extend(quote! {
            impl #impl_g ::core::fmt::Display for #name #ty_g #where_c
            where #inner: ::core::fmt::Display
            {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::fmt::Display::fmt(&self.0, f)
                }
            }
        });
    }
    if opts.from_str {
        out.extend(quote! {
            impl #impl_g ::core::str::FromStr for #name #ty_g #where_c {
                type Err = <#inner as ::core::str::FromStr>::Err;
                fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                    <#inner as ::core::str::FromStr>::from_str(s).map(#name)
                }
            }
        });
    }
    Ok(out)
}
