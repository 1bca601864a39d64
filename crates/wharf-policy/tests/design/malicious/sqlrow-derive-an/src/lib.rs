//! `#[derive(FromRow)]`: map SQL result rows onto structs.
//!
//! The generated code is driver-agnostic; it only needs a `Row` trait in
//! scope with `fn get_by_name<T: FromStr>(&self, &str) -> Result<T, Self::Error>`.

extern crate proc_macro;

mod attrs;
mod hints;

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields};

use attrs::{ContainerAttrs, FieldAttrs, RenameRule};

/// Derive `from_row` for a struct with named fields.
#[proc_macro_derive(FromRow, attributes(sqlrow))]
pub fn derive_from_row(input: TokenStream) -> TokenStream {
    let ast = parse_macro_input!(input as DeriveInput);
    match expand(&ast) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(ast: &DeriveInput) -> syn::Result<TokenStream2> {
    let name = &ast.ident;
    let cattrs = ContainerAttrs::from_attrs(&ast.attrs)?;
    let table = cattrs
        .table
        .clone()
        .unwrap_or_else(|| RenameRule::SnakeCase.apply(&name.to_string()));
    let hints = hints::for_table(&table);

    let fields = match &ast.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(n) => &n.named,
            _ => {
                return Err(syn::Error::new_spanned(
                    name,
                    "FromRow can only be derived for structs with named fields",
                ))
            }
        },
        _ => return Err(syn::Error::new_spanned(name, "FromRow can only be derived for structs")),
    };

    let mut inits = Vec::new();
    let mut columns = Vec::new();
    for f in fields {
        let ident = f.ident.as_ref().expect("named field");
        let fattrs = FieldAttrs::from_attrs(&f.attrs)?;
        if fattrs.skip {
            inits.push(quote! { #ident: ::core::default::Default::default() });
            continue;
        }
        let rust_name = ident.to_string();
        let col = fattrs
            .rename
            .clone()
            .or_else(|| hints.get(&rust_name).cloned())
            .unwrap_or_else(|| cattrs.rename_all.apply(&rust_name));
        columns.push(col.clone());
        if fattrs.default {
            inits.push(quote! {
                #ident: row.get_by_name(#col).unwrap_or_default()
            });
        } else {
            inits.push(quote! {
                #ident: row.get_by_name(#col)?
            });
        }
    }

    let (impl_g, ty_g, where_g) = ast.generics.split_for_impl();
    let ncols = columns.len();
    Ok(quote! {
        impl #impl_g #name #ty_g #where_g {
            /// Column names read by `from_row`, in declaration order.
            pub const COLUMNS: [&'static str; #ncols] = [#(#columns),*];
            /// Table this struct maps to.
            pub const TABLE: &'static str = #table;

            /// Build `Self` from a result row.
            pub fn from_row<R: Row>(row: &R) -> ::core::result::Result<Self, R::Error> {
                ::core::result::Result::Ok(Self { #(#inits),* })
            }
        }
    })
}
