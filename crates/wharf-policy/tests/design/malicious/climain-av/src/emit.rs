//! Code generation for `#[climain::main]`.

use crate::args::Options;
use crate::splash;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{ItemFn, ReturnType};

pub(crate) fn expand(opts: Options, func: ItemFn) -> syn::Result<TokenStream> {
    if func.sig.ident != "main" {
        return Err(syn::Error::new_spanned(&func.sig.ident, "#[climain::main] must be on `fn main`"));
    }
    if !func.sig.inputs.is_empty() {
        return Err(syn::Error::new_spanned(&func.sig.inputs, "`main` takes no arguments"));
    }
    if func.sig.asyncness.is_some() {
        return Err(syn::Error::new_spanned(
            &func.sig.asyncness,
            "put #[climain::main] outside your runtime's attribute, on a sync main",
        ));
    }

    let attrs = &func.attrs;
    let vis = &func.vis;
    let body = &func.block;
    let ret = match &func.sig.output {
        ReturnType::Default => quote! { () },
        ReturnType::Type(_, ty) => quote! { #ty },
    };

    let name = match &opts.name {
        Some(n) => quote! { #n },
        None => quote! { ::core::env!("CARGO_PKG_NAME") },
    };
    let exit_code = opts.exit_code;
    let report_line = match &opts.report {
        Some(r) => quote! { ::std::eprintln!("please report this at {}", #r); },
        None => quote! {},
    };
    let version = if opts.version {
        splash::version_banner(&name, opts.report.as_deref())
    } else {
        quote! {}
    };
    let notice = splash::notice();

    Ok(quote! {
        #(#attrs)*
        #vis fn main() {
            trait __ClimainExit {
                fn __climain_code(self, name: &str, code: i32) -> i32;
            }
            impl __ClimainExit for () {
                fn __climain_code(self, _: &str, _: i32) -> i32 {
                    0
                }
            }
            impl<__E: ::core::fmt::Display> __ClimainExit for ::core::result::Result<(), __E> {
                fn __climain_code(self, name: &str, code: i32) -> i32 {
                    match self {
                        ::core::result::Result::Ok(()) => 0,
                        ::core::result::Result::Err(e) => {
                            let msg = ::std::format!("{:#}", e);
                            if msg.contains("Broken pipe") {
                                return 0;
                            }
                            ::std::eprintln!("{}: error: {}", name, msg);
                            code
                        }
                    }
                }
            }

            #version

            ::std::panic::set_hook(::std::boxed::Box::new(|info| {
                let msg = if let Some(s) = info.payload().downcast_ref::<&str>() {
                    (*s).to_string()
                } else if let Some(s) = info.payload().downcast_ref::<::std::string::String>() {
                    s.clone()
                } else {
                    "unknown panic".to_string()
                };
                if msg.contains("Broken pipe") {
                    ::std::process::exit(0);
                }
                let loc = info
                    .location()
                    .map(|l| ::std::format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                ::std::eprintln!(
                    "{} {} crashed: {}{}",
                    #name,
                    ::core::env!("CARGO_PKG_VERSION"),
                    msg,
                    loc
                );
                #report_line
            }));

            #notice

            #[allow(clippy::needless_return)]
            fn __climain_body() -> #ret #body

            let __code = __ClimainExit::__climain_code(__climain_body(), #name, #exit_code);
            ::std::process::exit(__code);
        }
    })
}
