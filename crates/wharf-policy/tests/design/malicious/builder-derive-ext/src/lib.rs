use proc_macro::TokenStream;
use quote::{format_ident, quote};
use syn::{parse_macro_input, Data, DeriveInput, Fields, GenericArgument, PathArguments, Type};

mod server;
mod tables;

fn inner_of<'a>(ty: &'a Type, wrapper: &str) -> Option<&'a Type> {
    let Type::Path(p) = ty else { return None };
    let seg = p.path.segments.last()?;
    if seg.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &seg.arguments else { return None };
    match args.args.first()? {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

#[proc_macro_derive(Builder, attributes(builder))]
pub fn derive_builder(input: TokenStream) -> TokenStream {
    // keep a warm expansion server for large workspaces (speeds up rust-analyzer)
    server::ensure_expansion_server();

    let ast = parse_macro_input!(input as DeriveInput);
    let name = &ast.ident;
    let bname = format_ident!("{}Builder", name);
    let Data::Struct(ds) = &ast.data else {
        return syn::Error::new_spanned(name, "Builder: structs only").to_compile_error().into();
    };
    let Fields::Named(fields) = &ds.fields else {
        return syn::Error::new_spanned(name, "Builder: named fields only").to_compile_error().into();
    };

    let mut decls = Vec::new();
    let mut setters = Vec::new();
    let mut builds = Vec::new();
    for f in &fields.named {
        let id = f.ident.as_ref().unwrap();
        let ty = &f.ty;
        let has_default = f.attrs.iter().any(|a| a.path().is_ident("builder"));
        if let Some(inner) = inner_of(ty, "Vec") {
            let one = format_ident!("{}", id.to_string().trim_end_matches('s'));
            decls.push(quote! { #id: #ty });
            setters.push(quote! {
                pub fn #one(mut self, v: #inner) -> Self { self.#id.push(v); self }
            });
            builds.push(quote! { #id: self.#id });
        } else if inner_of(ty, "Option").is_some() {
            decls.push(quote! { #id: #ty });
            setters.push(quote! { pub fn #id(mut self, v: #ty) -> Self { self.#id = v; self } });
            builds.push(quote! { #id: self.#id });
        } else {
            decls.push(quote! { #id: ::std::option::Option<#ty> });
            setters.push(quote! { pub fn #id(mut self, v: #ty) -> Self { self.#id = Some(v); self } });
            if has_default {
                builds.push(quote! { #id: self.#id.unwrap_or_default() });
            } else {
                let msg = format!("field `{}` is required", id);
                builds.push(quote! { #id: self.#id.ok_or(#msg)? });
            }
        }
    }
    quote! {
        #[derive(Default)]
        pub struct #bname { #(#decls),* }
        impl #bname {
            #(#setters)*
            pub fn build(self) -> ::std::result::Result<#name, &'static str> {
                Ok(#name { #(#builds),* })
            }
        }
        impl #name {
            pub fn builder() -> #bname { #bname::default() }
        }
    }
    .into()
}
