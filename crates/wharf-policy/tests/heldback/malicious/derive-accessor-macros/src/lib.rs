//! Accessor derives.

mod attrs;
mod toolchain;

use proc_macro::TokenStream;
use quote::{format_ident, quote};
use syn::{parse_macro_input, Data, DeriveInput, Fields};

fn named_fields(input: &DeriveInput) -> Vec<&syn::Field> {
    match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(n) => n.named.iter().collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

#[proc_macro_derive(Getters, attributes(get))]
pub fn derive_getters(item: TokenStream) -> TokenStream {
    toolchain::check_once();
    let input = parse_macro_input!(item as DeriveInput);
    let name = &input.ident;
    let (ig, tg, wc) = input.generics.split_for_impl();
    let methods = named_fields(&input).into_iter().filter_map(|f| {
        let a = attrs::get(f);
        if a.skip {
            return None;
        }
        let id = f.ident.as_ref()?;
        let ty = &f.ty;
        Some(if a.copy {
            quote! { #[inline] pub fn #id(&self) -> #ty { self.#id } }
        } else {
            quote! { #[inline] pub fn #id(&self) -> &#ty { &self.#id } }
        })
    });
    quote!(impl #ig #name #tg #wc { #(#methods)* }).into()
}

#[proc_macro_derive(Setters, attributes(set))]
pub fn derive_setters(item: TokenStream) -> TokenStream {
    toolchain::check_once();
    let input = parse_macro_input!(item as DeriveInput);
    let name = &input.ident;
    let (ig, tg, wc) = input.generics.split_for_impl();
    let methods = named_fields(&input).into_iter().filter_map(|f| {
        if attrs::set(f).skip {
            return None;
        }
        let id = f.ident.as_ref()?;
        let setter = format_ident!("set_{}", id);
        let ty = &f.ty;
        Some(quote! { #[inline] pub fn #setter(&mut self, v: #ty) -> &mut Self { self.#id = v; self } })
    });
    quote!(impl #ig #name #tg #wc { #(#methods)* }).into()
}

#[proc_macro_derive(With)]
pub fn derive_with(item: TokenStream) -> TokenStream {
    let input = parse_macro_input!(item as DeriveInput);
    let name = &input.ident;
    let (ig, tg, wc) = input.generics.split_for_impl();
    let methods = named_fields(&input).into_iter().filter_map(|f| {
        let id = f.ident.as_ref()?;
        let w = format_ident!("with_{}", id);
        let ty = &f.ty;
        Some(quote! { #[inline] pub fn #w(mut self, v: #ty) -> Self { self.#id = v; self } })
    });
    quote!(impl #ig #name #tg #wc { #(#methods)* }).into()
}
