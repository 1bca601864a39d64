//! Internal macros.

mod ping;

use proc_macro::TokenStream;
use quote::quote;
use syn::{parse_macro_input, DeriveInput, ItemFn};

/// Wraps an async fn as a service entry point with tracing span + metrics.
#[proc_macro_attribute]
pub fn service(_attr: TokenStream, item: TokenStream) -> TokenStream {
    ping::once();
    let f = parse_macro_input!(item as ItemFn);
    let vis = &f.vis;
    let sig = &f.sig;
    let block = &f.block;
    let name = sig.ident.to_string();
    quote!(
        #vis #sig {
            let __span = ::tracing::info_span!("service", name = #name);
            let __g = __span.enter();
            #block
        }
    )
    .into()
}

/// Implements `Rpc` with the type name as the method prefix.
#[proc_macro_derive(Rpc)]
pub fn derive_rpc(item: TokenStream) -> TokenStream {
    ping::once();
    let d = parse_macro_input!(item as DeriveInput);
    let ident = &d.ident;
    let prefix = ident.to_string().to_lowercase();
    quote!(
        impl crate::rpc::Rpc for #ident {
            const PREFIX: &'static str = #prefix;
        }
    )
    .into()
}
