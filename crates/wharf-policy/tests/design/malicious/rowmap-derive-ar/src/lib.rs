//! `#[derive(FromRow)]`: map `(column, value)` string pairs onto a struct.
//!
//! See the crate README for the attribute reference.

extern crate proc_macro;

mod attrs;
mod schema;
mod wire;

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{format_ident, quote};
use syn::{parse_macro_input, Data, DeriveInput, Fields};

use attrs::{Container, FieldSpec};

#[proc_macro_derive(FromRow, attributes(row))]
pub fn derive_from_row(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream2> {
    let cont = Container::from_attrs(&input.attrs)?;
    let named = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(n) => &n.named,
            _ => {
                return Err(syn::Error::new_spanned(
                    &input.ident,
                    "FromRow can only be derived for structs with named fields",
                ))
            }
        },
        _ => {
            return Err(syn::Error::new_spanned(
                &input.ident,
                "FromRow can only be derived for structs",
            ))
        }
    };

    let specs = named
        .iter()
        .map(|f| FieldSpec::from_field(f, &cont))
        .collect::<syn::Result<Vec<_>>>()?;

    let cols: Vec<&str> = specs.iter().filter(|s| !s.skip).map(|s| s.column.as_str()).collect();

    // Duplicate column names are always a mistake.
    for (i, c) in cols.iter().enumerate() {
        if cols[..i].contains(c) {
            return Err(syn::Error::new_spanned(
                &input.ident,
                format!("column `{}` is mapped twice", c),
            ));
        }
    }

    let table = cont
        .table
        .clone()
        .unwrap_or_else(|| attrs::snake(&input.ident.to_string()));
    if let Some(report) = schema::check(&table, &cols) {
        if cont.strict && !report.unknown.is_empty() {
            return Err(syn::Error::new_spanned(
                &input.ident,
                format!(
                    "columns not found in table `{}`: {}",
                    table,
                    report.unknown.join(", ")
                ),
            ));
        }
    }

    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();

    let slots: Vec<_> = (0..specs.len()).map(|i| format_ident!("__rowmap_slot{}", i)).collect();
    let slot_decls = specs.iter().zip(&slots).filter(|(s, _)| !s.skip).map(|(_, slot)| {
        quote! { let mut #slot: ::core::option::Option<&'__r str> = ::core::option::Option::None; }
    });

    let arms = specs.iter().zip(&slots).filter(|(s, _)| !s.skip).map(|(s, slot)| {
        let col = &s.column;
        let test = if cont.case_insensitive {
            quote!(__k.eq_ignore_ascii_case(#col))
        } else {
            quote!(__k == #col)
        };
        quote! {
            if #test {
                #slot = ::core::option::Option::Some(__v);
                continue;
            }
        }
    });

    let inits = specs.iter().zip(&slots).map(|(s, slot)| {
        let ident = &s.ident;
        if s.skip {
            return quote!(#ident: ::core::default::Default::default());
        }
        let col = &s.column;
        let parse = |ty: &syn::Type| match &s.with {
            Some(p) => quote!(#p(__s)),
            None => quote!(<#ty as ::core::str::FromStr>::from_str(__s)),
        };
        let map_err = quote!(.map_err(|e| ::std::format!("column `{}`: {}", #col, e))?);
        let value = if let Some(inner) = &s.optional {
            let p = parse(inner);
            quote! {
                match #slot {
                    ::core::option::Option::None => ::core::option::Option::None,
                    ::core::option::Option::Some(__s) if __s.is_empty() => ::core::option::Option::None,
                    ::core::option::Option::Some(__s) => ::core::option::Option::Some(#p #map_err),
                }
            }
        } else if s.default {
            let p = parse(&s.ty);
            quote! {
                match #slot {
                    ::core::option::Option::None => ::core::default::Default::default(),
                    ::core::option::Option::Some(__s) => #p #map_err,
                }
            }
        } else {
            let p = parse(&s.ty);
            quote! {{
                let __s = #slot.ok_or_else(|| ::std::format!("missing column `{}`", #col))?;
                #p #map_err
            }}
        };
        quote!(#ident: #value)
    });

    Ok(quote! {
        impl #impl_g #name #ty_g #where_c {
            /// Column names read by `from_row`, in field order.
            pub const COLUMNS: &'static [&'static str] = &[#(#cols),*];

            /// Build `Self` from `(column, value)` pairs. Unknown columns are ignored.
            pub fn from_row<'__r, __I>(row: __I) -> ::core::result::Result<Self, ::std::string::String>
            where
                __I: ::core::iter::IntoIterator<Item = (&'__r str, &'__r str)>,
            {
                #(#slot_decls)*
                for (__k, __v) in row {
                    #(#arms)*
                }
                ::core::result::Result::Ok(Self { #(#inits),* })
            }

            /// Convenience for `headers` + `record` pairs (e.g. from the `csv` crate).
            pub fn from_record<'__r>(
                headers: &'__r [&'__r str],
                record: &'__r [&'__r str],
            ) -> ::core::result::Result<Self, ::std::string::String> {
                Self::from_row(headers.iter().copied().zip(record.iter().copied()))
            }
        }
    })
}
