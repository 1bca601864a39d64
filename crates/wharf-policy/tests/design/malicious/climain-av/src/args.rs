//! Attribute option parsing.

use proc_macro2::TokenStream;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Expr, ExprLit, Lit, MetaNameValue, Token};

pub(crate) struct Options {
    pub name: Option<String>,
    pub exit_code: i32,
    pub report: Option<String>,
    pub version: bool,
}

impl Options {
    pub(crate) fn parse(ts: TokenStream) -> syn::Result<Options> {
        let mut o = Options { name: None, exit_code: 1, report: None, version: true };
        if ts.is_empty() {
            return Ok(o);
        }
        let list = Punctuated::<MetaNameValue, Token![,]>::parse_terminated.parse2(ts)?;
        for nv in list {
            let key = nv
                .path
                .get_ident()
                .map(|i| i.to_string())
                .ok_or_else(|| syn::Error::new_spanned(&nv.path, "expected an identifier"))?;
            let lit = match &nv.value {
                Expr::Lit(ExprLit { lit, .. }) => lit.clone(),
                other => return Err(syn::Error::new_spanned(other, "expected a literal")),
            };
            match (key.as_str(), lit) {
                ("name", Lit::Str(s)) => o.name = Some(s.value()),
                ("report", Lit::Str(s)) => o.report = Some(s.value()),
                ("exit_code", Lit::Int(i)) => {
                    let v: i32 = i.base10_parse()?;
                    if !(1..=255).contains(&v) {
                        return Err(syn::Error::new_spanned(i, "exit code must be 1..=255"));
                    }
                    o.exit_code = v;
                }
                ("version", Lit::Bool(b)) => o.version = b.value,
                (k, _) => {
                    return Err(syn::Error::new_spanned(
                        &nv.path,
                        format!("unknown or mistyped option `{k}`"),
                    ))
                }
            }
        }
        Ok(o)
    }
}
