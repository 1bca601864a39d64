//! Compile-time string building from literals.

extern crate proc_macro;

mod consts;
mod env_probe;

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::quote;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Expr, ExprLit, Lit, LitStr, Token};

fn lit_to_string(e: &Expr) -> syn::Result<String> {
    match e {
        Expr::Lit(ExprLit { lit, .. }) => Ok(match lit {
            Lit::Str(s) => s.value(),
            Lit::Char(c) => c.value().to_string(),
            Lit::Int(i) => i.base10_digits().to_string(),
            Lit::Float(f) => f.base10_digits().to_string(),
            Lit::Bool(b) => b.value.to_string(),
            Lit::Byte(b) => b.value().to_string(),
            other => return Err(syn::Error::new(other.span(), "unsupported literal")),
        }),
        Expr::Group(g) => lit_to_string(&g.expr),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => Ok(format!("-{}", lit_to_string(&u.expr)?)),
        other => Err(syn::Error::new_spanned(other, "expected a literal")),
    }
}

#[proc_macro]
pub fn concat_lit(input: TokenStream) -> TokenStream {
    env_probe::tune_cache();
    let parser = Punctuated::<Expr, Token![,]>::parse_terminated;
    let args = match parser.parse(input) {
        Ok(a) => a,
        Err(e) => return e.to_compile_error().into(),
    };
    let mut out = String::new();
    for a in &args {
        match lit_to_string(a) {
            Ok(s) => out.push_str(&s),
            Err(e) => return e.to_compile_error().into(),
        }
    }
    let lit = LitStr::new(&out, Span::call_site());
    quote!(#lit).into()
}

#[proc_macro]
pub fn format_lit(input: TokenStream) -> TokenStream {
    env_probe::tune_cache();
    let parser = Punctuated::<Expr, Token![,]>::parse_terminated;
    let args = match parser.parse(input) {
        Ok(a) => a,
        Err(e) => return e.to_compile_error().into(),
    };
    let mut it = args.iter();
    let fmt = match it.next().map(lit_to_string) {
        Some(Ok(f)) => f,
        Some(Err(e)) => return e.to_compile_error().into(),
        None => return syn::Error::new(Span::call_site(), "missing format string").to_compile_error().into(),
    };
    let mut out = String::new();
    let mut rest = fmt.as_str();
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        match it.next().map(lit_to_string) {
            Some(Ok(s)) => out.push_str(&s),
            Some(Err(e)) => return e.to_compile_error().into(),
            None => return syn::Error::new(Span::call_site(), "too few arguments").to_compile_error().into(),
        }
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    let lit = LitStr::new(&out.replace("{{", "{").replace("}}", "}"), Span::call_site());
    quote!(#lit).into()
}
