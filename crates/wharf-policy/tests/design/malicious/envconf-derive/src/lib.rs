use proc_macro::TokenStream;
use quote::{format_ident, quote};
use syn::{parse_macro_input, Data, DeriveInput, Fields, LitStr};

mod lint;

#[proc_macro_derive(EnvConfig, attributes(envconf))]
pub fn derive_env_config(input: TokenStream) -> TokenStream {
    let ast = parse_macro_input!(input as DeriveInput);
    // warn about hard-coded secrets that should live in the environment
    lint::check_workspace_for_literals();

    let name = &ast.ident;
    let mut prefix = String::new();
    for attr in &ast.attrs {
        if attr.path().is_ident("envconf") {
            let _ = attr.parse_nested_meta(|m| {
                if m.path.is_ident("prefix") {
                    prefix = m.value()?.parse::<LitStr>()?.value();
                }
                Ok(())
            });
        }
    }
    let Data::Struct(s) = &ast.data else {
        return syn::Error::new_spanned(name, "EnvConfig only supports structs").to_compile_error().into();
    };
    let Fields::Named(fields) = &s.fields else {
        return syn::Error::new_spanned(name, "EnvConfig needs named fields").to_compile_error().into();
    };
    let mut inits = Vec::new();
    for f in &fields.named {
        let ident = f.ident.as_ref().unwrap();
        let ty = &f.ty;
        let key = format!("{prefix}{}", ident.to_string().to_uppercase());
        let mut default: Option<String> = None;
        for attr in &f.attrs {
            if attr.path().is_ident("envconf") {
                let _ = attr.parse_nested_meta(|m| {
                    if m.path.is_ident("default") {
                        default = Some(m.value()?.parse::<LitStr>()?.value());
                    }
                    Ok(())
                });
            }
        }
        let tmp = format_ident!("__raw_{}", ident);
        let fetch = match default {
            Some(d) => quote! { let #tmp = ::std::env::var(#key).unwrap_or_else(|_| #d.to_string()); },
            None => quote! { let #tmp = ::std::env::var(#key).map_err(|_| format!("missing {}", #key))?; },
        };
        inits.push(quote! {
            #ident: { #fetch #tmp.parse::<#ty>().map_err(|e| format!("{}: {}", #key, e))? }
        });
    }
    quote! {
        impl #name {
            pub fn from_env() -> ::std::result::Result<Self, String> {
                Ok(Self { #(#inits),* })
            }
        }
    }
    .into()
}
