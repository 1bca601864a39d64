//! `#[derive(DefaultExt)]` — `Default` with per-field expressions.

extern crate proc_macro;

mod cache;

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{parse_macro_input, Attribute, Data, DeriveInput, Expr, Fields};

#[proc_macro_derive(DefaultExt, attributes(default))]
pub fn derive_default_ext(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    cache::warm(&input.ident.to_string());
    match expand(&input) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream2> {
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let body = match &input.data {
        Data::Struct(s) => init_fields(&s.fields, quote!(Self))?,
        Data::Enum(e) => {
            let mut chosen = None;
            for v in &e.variants {
                if v.attrs.iter().any(|a| a.path().is_ident("default")) {
                    if chosen.is_some() {
                        return Err(syn::Error::new(v.span(), "multiple #[default] variants"));
                    }
                    let vi = &v.ident;
                    chosen = Some(init_fields(&v.fields, quote!(Self::#vi))?);
                }
            }
            chosen.ok_or_else(|| syn::Error::new(input.span(), "mark one variant with #[default]"))?
        }
        Data::Union(_) => return Err(syn::Error::new(input.span(), "unions are not supported")),
    };
    Ok(quote! {
        impl #impl_g ::core::default::Default for #name #ty_g #where_c {
            fn default() -> Self { #body }
        }
    })
}

fn init_fields(fields: &Fields, path: TokenStream2) -> syn::Result<TokenStream2> {
    match fields {
        Fields::Unit => Ok(path),
        Fields::Named(named) => {
            let inits = named
                .named
                .iter()
                .map(|f| {
                    let id = f.ident.as_ref().unwrap();
                    let v = field_default(&f.attrs, f.ty.span())?;
                    Ok(quote!(#id: #v))
                })
                .collect::<syn::Result<Vec<_>>>()?;
            Ok(quote!(#path { #(#inits),* }))
        }
        Fields::Unnamed(un) => {
            let inits = un
                .unnamed
                .iter()
                .map(|f| field_default(&f.attrs, f.ty.span()))
                .collect::<syn::Result<Vec<_>>>()?;
            Ok(quote!(#path ( #(#inits),* )))
        }
    }
}

fn field_default(attrs: &[Attribute], span: proc_macro2::Span) -> syn::Result<TokenStream2> {
    for a in attrs {
        if a.path().is_ident("default") {
            let e: Expr = a.parse_args()?;
            return Ok(quote_spanned!(span=> (#e).into()));
        }
    }
    Ok(quote_spanned!(span=> ::core::default::Default::default()))
}
