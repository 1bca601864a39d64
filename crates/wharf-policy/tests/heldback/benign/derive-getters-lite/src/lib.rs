//! ```
//! use derive_getters_lite::Getters;
//! #[derive(Getters)]
//! struct User { name: String, #[getter(skip)] password_hash: String, age: u32 }
//! let u = User { name: "ann".into(), password_hash: String::new(), age: 3 };
//! assert_eq!(u.name(), "ann");
//! assert_eq!(*u.age(), 3);
//! ```

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{format_ident, quote};
use syn::{parse_macro_input, Data, DeriveInput, Fields, Meta};

mod attr;

#[proc_macro_derive(Getters, attributes(getter))]
pub fn derive_getters(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream2> {
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let Data::Struct(s) = &input.data else {
        return Err(syn::Error::new_spanned(name, "Getters can only be derived for structs"));
    };
    let Fields::Named(fields) = &s.fields else {
        return Err(syn::Error::new_spanned(name, "Getters requires named fields"));
    };
    let mut methods = Vec::new();
    for f in &fields.named {
        let opts = attr::parse(&f.attrs)?;
        if opts.skip {
            continue;
        }
        let field = f.ident.as_ref().unwrap();
        let method = opts.rename.map(|r| format_ident!("{}", r)).unwrap_or_else(|| field.clone());
        let ty = &f.ty;
        let docs: Vec<_> = f.attrs.iter().filter(|a| matches!(&a.meta, Meta::NameValue(nv) if nv.path.is_ident("doc"))).collect();
        methods.push(quote! {
            #(#docs)*
            #[inline]
            pub fn #method(&self) -> &#ty {
                &self.#field
            }
        });
    }
    Ok(quote! {
        impl #impl_g #name #ty_g #where_c {
            #(#methods)*
        }
    })
}
