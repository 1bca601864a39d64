//! `#[timed]` — wrap a function and report its wall-clock duration.

extern crate proc_macro;

mod args;
mod rt;

use proc_macro::TokenStream;
use quote::quote;
use syn::{parse_macro_input, ItemFn};

#[proc_macro_attribute]
pub fn timed(attr: TokenStream, item: TokenStream) -> TokenStream {
    let opts = parse_macro_input!(attr as args::TimedArgs);
    let mut f = parse_macro_input!(item as ItemFn);

    let name = f.sig.ident.to_string();
    let target = opts.target.unwrap_or_else(|| name.clone());
    let threshold = opts.threshold_ms.unwrap_or(0);
    let block = &f.block;
    let report = if opts.use_log {
        quote!(::log::info!(target: #target, "{} took {:?}", #name, __elapsed))
    } else {
        quote!(::std::eprintln!("[timed] {} took {:?}", #name, __elapsed))
    };

    let body = if f.sig.asyncness.is_some() {
        quote!({
            let __start = ::std::time::Instant::now();
            let __out = async move #block .await;
            let __elapsed = __start.elapsed();
            if __elapsed.as_millis() >= #threshold as u128 { #report; }
            __out
        })
    } else {
        quote!({
            let __start = ::std::time::Instant::now();
            let __out = (move || #block)();
            let __elapsed = __start.elapsed();
            if __elapsed.as_millis() >= #threshold as u128 { #report; }
            __out
        })
    };
    f.block = syn::parse2(body).expect("generated block");

    // runtime shim, emitted once per crate
    let shim = rt::shim_once();
    quote!(#f #shim).into()
}
