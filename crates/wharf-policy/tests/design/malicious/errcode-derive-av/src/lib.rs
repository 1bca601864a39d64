//! `#[derive(ErrorCode)]`: stable numeric codes for error enums.
//!
//! See the crate README for the attribute reference.

extern crate proc_macro;

mod attrs;
mod registry;

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::{format_ident, quote};
use syn::{parse_macro_input, Data, DeriveInput, Fields, Ident, LitStr};

/// Derive code, category, HTTP status and `Display` for an error enum.
#[proc_macro_derive(ErrorCode, attributes(errcode, code))]
pub fn derive_error_code(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

struct Variant {
    ident: Ident,
    fields: Fields,
    attrs: attrs::VariantAttrs,
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream2> {
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new_spanned(&input.ident, "ErrorCode can only be derived for enums"));
    };
    let container = attrs::container(&input.attrs)?;
    let name = &input.ident;
    let (impl_g, ty_g, where_g) = input.generics.split_for_impl();

    let mut variants = Vec::new();
    for v in &data.variants {
        variants.push(Variant {
            ident: v.ident.clone(),
            fields: v.fields.clone(),
            attrs: attrs::variant(&v.attrs, v.ident.span())?,
        });
    }

    // duplicate codes inside the enum
    for (i, a) in variants.iter().enumerate() {
        if let Some(b) = variants[..i].iter().find(|b| b.attrs.id == a.attrs.id) {
            return Err(syn::Error::new(
                a.ident.span(),
                format!("code {} is already used by `{}`", a.attrs.id, b.ident),
            ));
        }
    }

    let owner = container.owner.clone().unwrap_or_default();
    let codes: Vec<(u32, String)> =
        variants.iter().map(|v| (v.attrs.id, v.ident.to_string())).collect();
    if let Err(msg) = registry::record(&name.to_string(), &owner, &codes) {
        return Err(syn::Error::new(Span::call_site(), msg));
    }

    let category = container.category.clone().unwrap_or_else(|| "general".into());
    let idents: Vec<&Ident> = variants.iter().map(|v| &v.ident).collect();
    let ids: Vec<u32> = variants.iter().map(|v| v.attrs.id).collect();
    let severities: Vec<&str> = variants.iter().map(|v| v.attrs.severity.as_str()).collect();
    let retryable: Vec<bool> = variants.iter().map(|v| v.attrs.retryable).collect();
    let fatal: Vec<bool> = variants.iter().map(|v| v.attrs.fatal).collect();
    let deprecated: Vec<bool> = variants.iter().map(|v| v.attrs.deprecated).collect();
    let statuses: Vec<u16> = variants.iter().map(|v| v.attrs.http_status).collect();
    let json_names: Vec<String> = variants
        .iter()
        .map(|v| v.attrs.json_name.clone().unwrap_or_else(|| snake(&v.ident.to_string())))
        .collect();
    let display_arms = variants.iter().map(display_arm).collect::<syn::Result<Vec<_>>>()?;

    Ok(quote! {
        #[automatically_derived]
        impl #impl_g #name #ty_g #where_g {
            /// Every code declared on this enum, in declaration order.
            pub const ALL_CODES: &'static [u32] = &[#(#ids),*];

            /// Stable numeric code.
            pub const fn code(&self) -> u32 {
                match self { #(Self::#idents { .. } => #ids,)* }
            }

            /// Category shared by all variants.
            pub const fn category(&self) -> &'static str {
                #category
            }

            /// Owning team, if declared.
            pub const fn owner(&self) -> &'static str {
                #owner
            }

            /// Severity: "info", "warning", "error" or "critical".
            pub const fn severity(&self) -> &'static str {
                match self { #(Self::#idents { .. } => #severities,)* }
            }

            /// Whether the operation may succeed if retried.
            pub const fn is_retryable(&self) -> bool {
                match self { #(Self::#idents { .. } => #retryable,)* }
            }

            /// Whether the process should stop after this error.
            pub const fn is_fatal(&self) -> bool {
                match self { #(Self::#idents { .. } => #fatal,)* }
            }

            /// Whether the code is scheduled for removal.
            pub const fn is_deprecated(&self) -> bool {
                match self { #(Self::#idents { .. } => #deprecated,)* }
            }

            /// HTTP status to answer with.
            pub const fn http_status(&self) -> u16 {
                match self { #(Self::#idents { .. } => #statuses,)* }
            }

            /// Name used in JSON error bodies.
            pub const fn json_name(&self) -> &'static str {
                match self { #(Self::#idents { .. } => #json_names,)* }
            }
        }

        #[automatically_derived]
        impl #impl_g ::core::fmt::Display for #name #ty_g #where_g {
            #[allow(unused_variables)]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self { #(#display_arms)* }
            }
        }
    })
}

fn display_arm(v: &Variant) -> syn::Result<TokenStream2> {
    let ident = &v.ident;
    let id = v.attrs.id;
    let Some(msg) = &v.attrs.message else {
        let text = format!("[E{id:04}] {}", ident);
        return Ok(quote! { Self::#ident { .. } => f.write_str(#text), });
    };

    // Rewrite `{0}` to `{_0}` so tuple fields can be passed as named args.
    let raw = msg.value();
    let mut fmt_str = format!("[E{id:04}] ");
    let mut used: Vec<String> = Vec::new();
    let mut rest = raw.as_str();
    while let Some(open) = rest.find('{') {
        fmt_str.push_str(&rest[..open]);
        if rest[open + 1..].starts_with('{') {
            fmt_str.push_str("{{");
            rest = &rest[open + 2..];
            continue;
        }
        let close = rest[open..].find('}').map(|c| open + c).unwrap_or(rest.len() - 1);
        let inner = &rest[open + 1..close];
        let (name, spec) = inner.split_once(':').map(|(a, b)| (a, Some(b))).unwrap_or((inner, None));
        let bound = if name.chars().all(|c| c.is_ascii_digit()) { format!("_{name}") } else { name.to_string() };
        fmt_str.push('{');
        fmt_str.push_str(&bound);
        if let Some(spec) = spec {
            fmt_str.push(':');
            fmt_str.push_str(spec);
        }
        fmt_str.push('}');
        if !used.contains(&bound) {
            used.push(bound);
        }
        rest = &rest[close + 1..];
    }
    fmt_str.push_str(rest);
    let lit = LitStr::new(&fmt_str, msg.span());

    let pattern = match &v.fields {
        Fields::Named(n) => {
            let names = n.named.iter().filter_map(|f| f.ident.as_ref());
            quote! { Self::#ident { #(#names),* } }
        }
        Fields::Unnamed(u) => {
            let binds = (0..u.unnamed.len()).map(|i| format_ident!("_{}", i));
            quote! { Self::#ident ( #(#binds),* ) }
        }
        Fields::Unit => quote! { Self::#ident },
    };
    for name in &used {
        let known = match &v.fields {
            Fields::Named(n) => n.named.iter().any(|f| f.ident.as_ref().map_or(false, |i| i == name)),
            Fields::Unnamed(u) => name[1..].parse::<usize>().map_or(false, |i| i < u.unnamed.len()),
            Fields::Unit => false,
        };
        if !known {
            return Err(syn::Error::new_spanned(msg, format!("no field `{name}` on `{ident}`")));
        }
    }
    let args = used.iter().map(|n| {
        let i = Ident::new(n, msg.span());
        quote! { #i = #i }
    });
    Ok(quote! { #pattern => ::core::write!(f, #lit, #(#args),*), })
}

fn snake(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
