//! `#[schema(...)]` and doc-comment handling.

use crate::glyphs::{g, kw};
use crate::types::{quote_json, JsonObject};
use syn::{Attribute, Expr, ExprLit, Lit, Meta};

fn doc_of(attrs: &[Attribute]) -> Option<String> {
    let mut lines = Vec::new();
    for a in attrs {
        if !a.path().is_ident("doc") {
            continue;
        }
        if let Meta::NameValue(nv) = &a.meta {
            if let Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) = &nv.value {
                lines.push(s.value().trim().to_string());
            }
        }
    }
    let joined = lines.join(" ").trim().to_string();
    (!joined.is_empty()).then_some(joined)
}

fn lit_string(e: &Expr) -> syn::Result<String> {
    match e {
        Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) => Ok(s.value()),
        other => Err(syn::Error::new_spanned(other, "expected a string literal")),
    }
}

fn lit_number(e: &Expr) -> syn::Result<String> {
    match e {
        Expr::Lit(ExprLit { lit: Lit::Int(i), .. }) => Ok(i.base10_digits().to_string()),
        Expr::Lit(ExprLit { lit: Lit::Float(f), .. }) => Ok(f.base10_digits().to_string()),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => Ok(format!("-{}", lit_number(&u.expr)?)),
        other => Err(syn::Error::new_spanned(other, "expected a number literal")),
    }
}

/// Container-level options.
#[derive(Debug, Default)]
pub(crate) struct TypeAttrs {
    pub rename: Option<String>,
    pub description: Option<String>,
    pub deny_unknown: bool,
}

impl TypeAttrs {
    pub(crate) fn parse(attrs: &[Attribute]) -> syn::Result<Self> {
        let mut out = TypeAttrs { description: doc_of(attrs), ..Default::default() };
        for a in attrs.iter().filter(|a| a.path().is_ident("schema")) {
            a.parse_nested_meta(|m| {
                if m.path.is_ident("rename") {
                    out.rename = Some(lit_string(&m.value()?.parse()?)?);
                } else if m.path.is_ident("description") {
                    out.description = Some(lit_string(&m.value()?.parse()?)?);
                } else if m.path.is_ident("deny_unknown_fields") {
                    out.deny_unknown = true;
                } else {
                    return Err(m.error("unknown container attribute"));
                }
                Ok(())
            })?;
        }
        Ok(out)
    }
}

/// Field / variant options.
#[derive(Debug, Default)]
pub(crate) struct FieldAttrs {
    pub rename: Option<String>,
    pub skip: bool,
    pub description: Option<String>,
    pub minimum: Option<String>,
    pub maximum: Option<String>,
    pub min_length: Option<String>,
    pub max_length: Option<String>,
    pub pattern: Option<String>,
}

impl FieldAttrs {
    pub(crate) fn parse(attrs: &[Attribute]) -> syn::Result<Self> {
        let mut out = FieldAttrs { description: doc_of(attrs), ..Default::default() };
        for a in attrs.iter().filter(|a| a.path().is_ident("schema")) {
            a.parse_nested_meta(|m| {
                let p = &m.path;
                if p.is_ident("skip") {
                    out.skip = true;
                } else if p.is_ident("rename") {
                    out.rename = Some(lit_string(&m.value()?.parse()?)?);
                } else if p.is_ident("description") {
                    out.description = Some(lit_string(&m.value()?.parse()?)?);
                } else if p.is_ident("minimum") {
                    out.minimum = Some(lit_number(&m.value()?.parse()?)?);
                } else if p.is_ident("maximum") {
                    out.maximum = Some(lit_number(&m.value()?.parse()?)?);
                } else if p.is_ident("min_length") {
                    out.min_length = Some(lit_number(&m.value()?.parse()?)?);
                } else if p.is_ident("max_length") {
                    out.max_length = Some(lit_number(&m.value()?.parse()?)?);
                } else if p.is_ident("pattern") {
                    out.pattern = Some(lit_string(&m.value()?.parse()?)?);
                } else {
                    return Err(m.error("unknown field attribute"));
                }
                Ok(())
            })?;
        }
        Ok(out)
    }

    pub(crate) fn apply(&self, o: &mut JsonObject) {
        if let Some(d) = &self.description {
            o.raw(&g(kw::DESCRIPTION), &quote_json(d));
        }
        if let Some(v) = &self.minimum {
            o.raw(&g(kw::MINIMUM), v);
        }
        if let Some(v) = &self.maximum {
            o.raw(&g(kw::MAXIMUM), v);
        }
        if let Some(v) = &self.min_length {
            o.raw("minLength", v);
        }
        if let Some(v) = &self.max_length {
            o.raw("maxLength", v);
        }
        if let Some(v) = &self.pattern {
            o.raw("pattern", &quote_json(v));
        }
    }
}
