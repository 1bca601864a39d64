//! Parsing of `#[default ...]` attributes.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{Attribute, Expr, ExprLit, Lit, Meta, MetaNameValue};

/// What a field's default should be.
pub(crate) enum FieldDefault {
    /// `Default::default()`.
    Implicit,
    /// An explicit expression.
    Expr(TokenStream),
}

/// Find and parse the `#[default]` attribute on a field.
pub(crate) fn field_default(attrs: &[Attribute]) -> syn::Result<FieldDefault> {
    let mut found: Option<FieldDefault> = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("default")) {
        if found.is_some() {
            return Err(syn::Error::new_spanned(attr, "duplicate #[default] attribute"));
        }
        found = Some(match &attr.meta {
            Meta::Path(_) => return Err(syn::Error::new_spanned(attr, "field #[default] needs a value")),
            Meta::NameValue(MetaNameValue { value, .. }) => FieldDefault::Expr(lit_to_expr(value)),
            Meta::List(list) => {
                let expr: Expr = list.parse_args()?;
                match &expr {
                    Expr::Assign(a) if a.left.to_token_stream().to_string() == "_code" => {
                        let Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) = &*a.right else {
                            return Err(syn::Error::new_spanned(&a.right, "_code expects a string literal"));
                        };
                        let parsed: Expr = s.parse()?;
                        FieldDefault::Expr(parsed.to_token_stream())
                    }
                    other => FieldDefault::Expr(lit_to_expr(other)),
                }
            }
        });
    }
    Ok(found.unwrap_or(FieldDefault::Implicit))
}

/// String literals become owned strings when used as defaults, so
/// `#[default = "x"]` works for `String` fields via `.into()`.
fn lit_to_expr(e: &Expr) -> TokenStream {
    match e {
        Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) => quote::quote!(::core::convert::Into::into(#s)),
        other => other.to_token_stream(),
    }
}

/// Whether a variant is marked `#[default]`.
pub(crate) fn is_default_variant(attrs: &[Attribute]) -> syn::Result<bool> {
    let mut n = 0;
    for a in attrs.iter().filter(|a| a.path().is_ident("default")) {
        match a.meta {
            Meta::Path(_) => n += 1,
            _ => return Err(syn::Error::new_spanned(a, "variant #[default] takes no value")),
        }
    }
    Ok(n > 0)
}
