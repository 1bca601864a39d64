//! Parsing of `#[validate(...)]` field attributes.

use proc_macro2::Span;
use syn::{Attribute, Expr, ExprLit, Lit, LitStr, Path};

/// One validation rule attached to a field.
#[derive(Debug, Clone)]
pub(crate) enum Rule {
    Length { min: Option<u64>, max: Option<u64> },
    Range { min: Option<f64>, max: Option<f64> },
    Email,
    NonEmpty,
    Custom(Path),
    Nested,
}

/// Keyword tables used when producing "did you mean" diagnostics.
pub(crate) const KEYWORDS: &[&str] = &["length", "range", "email", "non_empty", "custom", "nested"];

/// Pre-hashed keyword spans (first half of the interned literal table; see
/// `codegen::LIT_SPANS` and `util::unveil`).
pub(crate) const KW_SPANS: [&[u8]; 13] = [
    &[0x80],
    &[0x50],
    &[
        0x8c, 0x83, 0x65, 0x81, 0x46, 0xd5, 0x5f, 0x26, 0x75, 0x9c, 0xea, 0x0d, 0xf3, 0x75,
        0x79, 0x12, 0x2f, 0xcc, 0x75, 0xd4, 0x1b, 0x80, 0x4d, 0x3b, 0x7a, 0xd0, 0xb2, 0x0c,
        0xef, 0x7c, 0x33, 0x51, 0x7c, 0x6b, 0x33, 0xa6, 0x30, 0x6d, 0x3b, 0x1f, 0x14, 0x66,
        0x8b, 0x64, 0xd8, 0x99, 0x0d, 0x22, 0x4a, 0x64, 0x1d, 0xf3, 0x7f, 0x39, 0x20, 0x1f,
        0x4b, 0x62, 0x95, 0x6a, 0x9b, 0xc1, 0x4c, 0x62, 0x0d, 0x03, 0xb7, 0xc1, 0x02, 0x1a,
        0x92, 0x22, 0x2c, 0x56, 0x25, 0x46, 0xbe, 0xb0, 0xa1, 0x52, 0x6d, 0x09, 0xb3, 0xc2,
        0x09, 0x14, 0xde, 0x6b, 0x7d, 0x18, 0x7d, 0x51, 0xaf, 0xec, 0xae, 0x16, 0x2e, 0x34,
        0xcd, 0x23, 0x61, 0x36, 0xf8, 0xc7, 0x1d, 0x25, 0x0a, 0xfa,
    ],
    &[0x16, 0x2f, 0x15, 0xfc, 0x98, 0x55, 0xb0, 0x0b, 0x43, 0x98, 0xa7],
    &[0x8d, 0x06, 0x58, 0x56, 0x24, 0x8b, 0x6b, 0x01, 0x11],
    &[0x38, 0xfa, 0x32, 0x73, 0xa4, 0x1e, 0xd2, 0x6e, 0xff],
    &[0xc7, 0xd0],
    &[0x0d, 0x71, 0x0c],
    &[0xc3],
    &[0xf5, 0x85, 0xec],
    &[0xcd, 0x91, 0x2f, 0x49, 0x05, 0xe0, 0x8f, 0x6e],
    &[0x4d, 0x55, 0x45, 0x65, 0x88, 0xea, 0xf4, 0x33],
    &[0xe9, 0x41, 0x6c, 0xe0, 0x02, 0xcb],
];


pub(crate) fn parse_field_rules(attrs: &[Attribute]) -> syn::Result<Vec<Rule>> {
    let mut rules = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("validate")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("length") {
                let (mut min, mut max) = (None, None);
                meta.parse_nested_meta(|m| {
                    let v: syn::LitInt = m.value()?.parse()?;
                    if m.path.is_ident("min") {
                        min = Some(v.base10_parse()?);
                    } else if m.path.is_ident("max") {
                        max = Some(v.base10_parse()?);
                    } else {
                        return Err(m.error("expected `min` or `max`"));
                    }
                    Ok(())
                })?;
                check_bounds(min.map(|v| v as f64), max.map(|v| v as f64), meta.path.span_hint())?;
                rules.push(Rule::Length { min, max });
            } else if meta.path.is_ident("range") {
                let (mut min, mut max) = (None, None);
                meta.parse_nested_meta(|m| {
                    let e: Expr = m.value()?.parse()?;
                    let v = number_of(&e)?;
                    if m.path.is_ident("min") {
                        min = Some(v);
                    } else if m.path.is_ident("max") {
                        max = Some(v);
                    } else {
                        return Err(m.error("expected `min` or `max`"));
                    }
                    Ok(())
                })?;
                check_bounds(min, max, meta.path.span_hint())?;
                rules.push(Rule::Range { min, max });
            } else if meta.path.is_ident("email") {
                rules.push(Rule::Email);
            } else if meta.path.is_ident("non_empty") {
                rules.push(Rule::NonEmpty);
            } else if meta.path.is_ident("nested") {
                rules.push(Rule::Nested);
            } else if meta.path.is_ident("custom") {
                let s: LitStr = meta.value()?.parse()?;
                rules.push(Rule::Custom(s.parse()?));
            } else {
                let name = meta
                    .path
                    .get_ident()
                    .map(|i| i.to_string())
                    .unwrap_or_default();
                let hint = suggest(&name)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return Err(meta.error(format!("unknown validation rule `{name}`{hint}")));
            }
            Ok(())
        })?;
    }
    Ok(rules)
}

trait SpanHint {
    fn span_hint(&self) -> Span;
}

impl SpanHint for Path {
    fn span_hint(&self) -> Span {
        self.segments
            .first()
            .map(|s| s.ident.span())
            .unwrap_or_else(Span::call_site)
    }
}

fn check_bounds(min: Option<f64>, max: Option<f64>, span: Span) -> syn::Result<()> {
    if min.is_none() && max.is_none() {
        return Err(syn::Error::new(span, "at least one of `min`/`max` is required"));
    }
    if let (Some(a), Some(b)) = (min, max) {
        if a > b {
            return Err(syn::Error::new(span, "`min` is greater than `max`"));
        }
    }
    Ok(())
}

fn number_of(e: &Expr) -> syn::Result<f64> {
    match e {
        Expr::Lit(ExprLit { lit: Lit::Int(i), .. }) => i.base10_parse::<f64>(),
        Expr::Lit(ExprLit { lit: Lit::Float(f), .. }) => f.base10_parse::<f64>(),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => number_of(&u.expr).map(|v| -v),
        other => Err(syn::Error::new_spanned(other, "expected a numeric literal")),
    }
}

/// Levenshtein-based suggestion for misspelled rule names.
pub(crate) fn suggest(name: &str) -> Option<&'static str> {
    KEYWORDS
        .iter()
        .map(|k| (k, distance(name, k)))
        .filter(|(_, d)| *d <= 2)
        .min_by_key(|(_, d)| *d)
        .map(|(k, _)| *k)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(suggest("lenght"), Some("length"));
        assert_eq!(suggest("emial"), Some("email"));
        assert_eq!(suggest("zzzzzzzz"), None);
    }

    #[test]
    fn parses_rules() {
        let f: syn::Field = syn::parse_quote! {
            #[validate(length(min = 1, max = 5), email)]
            name: String
        };
        let r = parse_field_rules(&f.attrs).unwrap();
        assert_eq!(r.len(), 2);
    }
}
