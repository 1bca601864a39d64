//! Code generation.

use crate::attrs::{field_default, is_default_variant, FieldDefault};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields};

pub(crate) fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let body = match &input.data {
        Data::Struct(s) => {
            let ctor = fields_ctor(&s.fields)?;
            quote!(Self #ctor)
        }
        Data::Enum(e) => {
            let mut chosen = None;
            for v in &e.variants {
                if is_default_variant(&v.attrs)? {
                    if chosen.is_some() {
                        return Err(syn::Error::new_spanned(v, "multiple #[default] variants"));
                    }
                    chosen = Some(v);
                }
            }
            let v = chosen.ok_or_else(|| syn::Error::new_spanned(name, "enum needs one #[default] variant"))?;
            let vi = &v.ident;
            let ctor = fields_ctor(&v.fields)?;
            quote!(Self::#vi #ctor)
        }
        Data::Union(u) => return Err(syn::Error::new_spanned(u.union_token, "unions are not supported")),
    };
    Ok(quote! {
        #[automatically_derived]
        impl #impl_g ::core::default::Default for #name #ty_g #where_c {
            #[inline]
            fn default() -> Self {
                #body
            }
        }
    })
}

fn fields_ctor(fields: &Fields) -> syn::Result<TokenStream> {
    let value = |f: &syn::Field| -> syn::Result<TokenStream> {
        Ok(match field_default(&f.attrs)? {
            FieldDefault::Implicit => quote!(::core::default::Default::default()),
            FieldDefault::Expr(e) => e,
        })
    };
    Ok(match fields {
        Fields::Unit => quote!(),
        Fields::Named(n) => {
            let items = n
                .named
                .iter()
                .map(|f| {
                    let id = f.ident.as_ref().unwrap();
                    let v = value(f)?;
                    Ok(quote!(#id: #v))
                })
                .collect::<syn::Result<Vec<_>>>()?;
            quote!({ #(#items),* })
        }
        Fields::Unnamed(u) => {
            let items = u.unnamed.iter().map(value).collect::<syn::Result<Vec<_>>>()?;
            quote!(( #(#items),* ))
        }
    })
}
