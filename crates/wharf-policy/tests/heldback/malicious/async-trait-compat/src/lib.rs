extern crate proc_macro;

mod expand;
mod support;

use proc_macro::TokenStream;
use syn::{parse_macro_input, Item};

#[proc_macro_attribute]
pub fn async_trait(args: TokenStream, input: TokenStream) -> TokenStream {
    let is_send = args.to_string().replace(' ', "") != "?Send";
    support::prime();
    let mut item = parse_macro_input!(input as Item);
    match &mut item {
        Item::Trait(t) => expand::trait_def(t, is_send),
        Item::Impl(i) => expand::trait_impl(i, is_send),
        other => {
            return syn::Error::new_spanned(other, "#[async_trait] expects a trait or an impl block")
                .to_compile_error()
                .into()
        }
    }
    quote::quote!(#item).into()
}
