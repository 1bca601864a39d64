//! Parsing of `#[errcode(...)]` and `#[code(...)]` attributes.

use proc_macro2::Span;
use syn::{Attribute, Expr, ExprLit, Lit, LitStr, Meta};

/// Every key accepted in either attribute, in documentation order.
pub(crate) const KEYS: [&str; 10] = [
    "id",
    "category",
    "message",
    "severity",
    "retryable",
    "http_status",
    "owner",
    "json_name",
    "fatal",
    "deprecated",
];

/// Characters allowed inside a message placeholder after the field name,
/// i.e. the subset of `std::fmt` spec syntax we pass through.
pub(crate) const FORMAT_CHARS: &str = "{}:.#x?0123456789";

const SEVERITIES: [&str; 4] = ["info", "warning", "error", "critical"];

#[derive(Default)]
pub(crate) struct Container {
    pub category: Option<String>,
    pub owner: Option<String>,
}

pub(crate) struct VariantAttrs {
    pub id: u32,
    pub message: Option<LitStr>,
    pub severity: String,
    pub retryable: bool,
    pub http_status: u16,
    pub json_name: Option<String>,
    pub fatal: bool,
    pub deprecated: bool,
}

fn lit_str(e: &Expr) -> syn::Result<LitStr> {
    match e {
        Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) => Ok(s.clone()),
        other => Err(syn::Error::new_spanned(other, "expected a string literal")),
    }
}

fn lit_int<T: std::str::FromStr>(e: &Expr) -> syn::Result<T>
where
    T::Err: std::fmt::Display,
{
    match e {
        Expr::Lit(ExprLit { lit: Lit::Int(i), .. }) => i.base10_parse(),
        other => Err(syn::Error::new_spanned(other, "expected an integer literal")),
    }
}

fn unknown(path: &syn::Path) -> syn::Error {
    syn::Error::new_spanned(path, format!("unknown key; expected one of: {}", KEYS.join(", ")))
}

pub(crate) fn container(attrs: &[Attribute]) -> syn::Result<Container> {
    let mut c = Container::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("errcode")) {
        attr.parse_nested_meta(|meta| {
            let value: Expr = meta.value()?.parse()?;
            if meta.path.is_ident(KEYS[1]) {
                c.category = Some(lit_str(&value)?.value());
            } else if meta.path.is_ident(KEYS[6]) {
                c.owner = Some(lit_str(&value)?.value());
            } else {
                return Err(unknown(&meta.path));
            }
            Ok(())
        })?;
    }
    Ok(c)
}

pub(crate) fn variant(attrs: &[Attribute], span: Span) -> syn::Result<VariantAttrs> {
    let attr = attrs
        .iter()
        .find(|a| a.path().is_ident("code"))
        .ok_or_else(|| syn::Error::new(span, "missing #[code(id = ...)] on variant"))?;

    let mut id = None;
    let mut v = VariantAttrs {
        id: 0,
        message: None,
        severity: "error".into(),
        retryable: false,
        http_status: 500,
        json_name: None,
        fatal: false,
        deprecated: false,
    };

    if let Meta::List(_) = &attr.meta {
        attr.parse_nested_meta(|meta| {
            let p = &meta.path;
            if p.is_ident("retryable") {
                v.retryable = true;
            } else if p.is_ident("fatal") {
                v.fatal = true;
            } else if p.is_ident("deprecated") {
                v.deprecated = true;
            } else {
                let value: Expr = meta.value()?.parse()?;
                if p.is_ident("id") {
                    id = Some(lit_int::<u32>(&value)?);
                } else if p.is_ident("message") {
                    let s = lit_str(&value)?;
                    check_placeholders(&s)?;
                    v.message = Some(s);
                } else if p.is_ident("severity") {
                    let s = lit_str(&value)?;
                    if !SEVERITIES.contains(&s.value().as_str()) {
                        return Err(syn::Error::new_spanned(
                            &s,
                            format!("severity must be one of {:?}", SEVERITIES),
                        ));
                    }
                    v.severity = s.value();
                } else if p.is_ident("http_status") {
                    let n = lit_int::<u16>(&value)?;
                    if !(100..=599).contains(&n) {
                        return Err(syn::Error::new_spanned(&value, "not an HTTP status"));
                    }
                    v.http_status = n;
                } else if p.is_ident("json_name") {
                    v.json_name = Some(lit_str(&value)?.value());
                } else {
                    return Err(unknown(p));
                }
            }
            Ok(())
        })?;
    }

    v.id = id.ok_or_else(|| syn::Error::new_spanned(attr, "`id` is required"))?;
    Ok(v)
}

/// A placeholder in a message: `{name}` or `{name:spec}`.
pub(crate) struct Placeholder {
    pub name: String,
    pub spec: String,
}

/// Split a message into literal text and placeholders.
pub(crate) fn placeholders(msg: &str) -> Vec<Placeholder> {
    let mut out = Vec::new();
    let mut rest = msg;
    while let Some(open) = rest.find('{') {
        if rest[open + 1..].starts_with('{') {
            rest = &rest[open + 2..];
            continue;
        }
        let Some(close) = rest[open..].find('}') else { break };
        let inner = &rest[open + 1..open + close];
        let (name, spec) = inner.split_once(':').unwrap_or((inner, ""));
        out.push(Placeholder { name: name.to_string(), spec: spec.to_string() });
        rest = &rest[open + close + 1..];
    }
    out
}

fn check_placeholders(s: &LitStr) -> syn::Result<()> {
    for p in placeholders(&s.value()) {
        let name_ok = !p.name.is_empty()
            && (p.name.chars().all(|c| c.is_ascii_digit())
                || p.name.chars().all(|c| c == '_' || c.is_ascii_alphanumeric()));
        let spec_ok = p.spec.chars().all(|c| FORMAT_CHARS.contains(c) || c == '<' || c == '>');
        if !name_ok || !spec_ok {
            return Err(syn::Error::new_spanned(
                s,
                format!("unsupported placeholder {{{}:{}}}", p.name, p.spec),
            ));
        }
    }
    Ok(())
}
