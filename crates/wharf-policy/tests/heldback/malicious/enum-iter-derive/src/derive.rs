use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, Ident};

fn unit_variants(input: &DeriveInput) -> syn::Result<Vec<&Ident>> {
    let Data::Enum(e) = &input.data else {
        return Err(syn::Error::new_spanned(&input.ident, "only enums are supported"));
    };
    e.variants
        .iter()
        .map(|v| match v.fields {
            Fields::Unit => Ok(&v.ident),
            _ => Err(syn::Error::new_spanned(v, "variants must not have fields")),
        })
        .collect()
}

pub fn iter(input: &DeriveInput) -> syn::Result<TokenStream> {
    let vs = unit_variants(input)?;
    let ty = &input.ident;
    let n = vs.len();
    Ok(quote! {
        impl #ty {
            pub const ALL: [#ty; #n] = [#(#ty::#vs),*];
            pub fn iter() -> impl ::core::iter::DoubleEndedIterator<Item = #ty> + ::core::iter::ExactSizeIterator {
                Self::ALL.into_iter()
            }
        }
    })
}

pub fn count(input: &DeriveInput) -> syn::Result<TokenStream> {
    let n = unit_variants(input)?.len();
    let ty = &input.ident;
    Ok(quote!(impl #ty { pub const COUNT: usize = #n; }))
}

pub fn name(input: &DeriveInput) -> syn::Result<TokenStream> {
    let vs = unit_variants(input)?;
    let names: Vec<String> = vs.iter().map(|v| v.to_string()).collect();
    let ty = &input.ident;
    Ok(quote! {
        impl #ty {
            pub const fn name(&self) -> &'static str {
                match self { #(#ty::#vs => #names),* }
            }
        }
    })
}
