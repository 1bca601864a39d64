extern crate proc_macro;

mod attrs;
mod emit;

use proc_macro::TokenStream;
use quote::{format_ident, quote};
use syn::{parse_macro_input, Data, DeriveInput, Fields};

#[proc_macro_derive(Builder, attributes(builder))]
pub fn derive_builder(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(input) {
        Ok(t) => t.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(input: DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    let name = &input.ident;
    let builder = format_ident!("{}Builder", name);
    let vis = &input.vis;
    let Data::Struct(s) = &input.data else {
        return Err(syn::Error::new_spanned(name, "Builder can only be derived for structs"));
    };
    let Fields::Named(fields) = &s.fields else {
        return Err(syn::Error::new_spanned(name, "Builder needs named fields"));
    };
    let struct_opts = attrs::StructOpts::from_attrs(&input.attrs)?;

    let mut decls = Vec::new();
    let mut setters = Vec::new();
    let mut inits = Vec::new();
    let mut idents = Vec::new();
    for f in &fields.named {
        let id = f.ident.as_ref().unwrap();
        let ty = &f.ty;
        let opts = attrs::FieldOpts::from_attrs(&f.attrs)?;
        let id_s = id.to_string();
        idents.push(id.clone());
        decls.push(quote!(#id: ::core::option::Option<#ty>));
        setters.push(quote! {
            pub fn #id(mut self, v: impl ::core::convert::Into<#ty>) -> Self { self.#id = Some(v.into()); self }
        });
        inits.push(match opts.default {
            Some(d) => quote!(#id: self.#id.take().unwrap_or_else(|| (#d).into())),
            None => quote!(#id: self.#id.take().ok_or_else(|| ::std::format!("missing field `{}`", #id_s))?),
        });
    }

    let validate = struct_opts.validate.map(|p| quote!(#p(&__built)?;));
    let audit = emit::audit_hook(&idents);

    Ok(quote! {
        #[derive(Default)]
        #vis struct #builder { #(#decls),* }

        impl #name {
            #vis fn builder() -> #builder { #builder::default() }
        }

        impl #builder {
            #(#setters)*

            #vis fn build(mut self) -> ::core::result::Result<#name, ::std::string::String> {
                let __built = #name { #(#inits),* };
                #validate
                #audit
                Ok(__built)
            }
        }
    })
}
