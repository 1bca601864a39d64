use syn::{Attribute, Expr, ExprLit, GenericArgument, Lit, Meta, PathArguments, Type};

pub fn json_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Concatenate `///` doc comments.
pub fn doc_string(attrs: &[Attribute]) -> Option<String> {
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
    if lines.is_empty() {
        None
    } else {
        Some(lines.join(" "))
    }
}

/// `#[apidoc(example = "...")]`
pub fn field_example(attrs: &[Attribute]) -> syn::Result<Option<String>> {
    let mut found = None;
    for a in attrs.iter().filter(|a| a.path().is_ident("apidoc")) {
        a.parse_nested_meta(|meta| {
            if meta.path.is_ident("example") {
                let s: syn::LitStr = meta.value()?.parse()?;
                found = Some(s.value());
                Ok(())
            } else {
                Err(meta.error("unknown apidoc attribute"))
            }
        })?;
    }
    Ok(found)
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) => p.path.segments.last(),
        _ => None,
    }
}

fn first_generic(seg: &syn::PathSegment) -> Option<&Type> {
    if let PathArguments::AngleBracketed(args) = &seg.arguments {
        for a in &args.args {
            if let GenericArgument::Type(t) = a {
                return Some(t);
            }
        }
    }
    None
}

/// JSON schema for a Rust type, plus whether it is optional.
pub fn type_schema(ty: &Type) -> (String, bool) {
    if let Type::Reference(r) = ty {
        return type_schema(&r.elem);
    }
    let Some(seg) = last_segment(ty) else {
        return ("{}".to_string(), false);
    };
    let name = seg.ident.to_string();
    let s = match name.as_str() {
        "Option" => {
            let inner = first_generic(seg).map(|t| type_schema(t).0).unwrap_or_else(|| "{}".into());
            return (inner, true);
        }
        "Vec" | "VecDeque" | "HashSet" | "BTreeSet" => {
            let inner = first_generic(seg).map(|t| type_schema(t).0).unwrap_or_else(|| "{}".into());
            format!("{{\"type\":\"array\",\"items\":{}}}", inner)
        }
        "HashMap" | "BTreeMap" => "{\"type\":\"object\"}".to_string(),
        "String" | "str" | "char" | "PathBuf" => "{\"type\":\"string\"}".to_string(),
        "bool" => "{\"type\":\"boolean\"}".to_string(),
        "u8" | "u16" | "u32" => "{\"type\":\"integer\",\"minimum\":0}".to_string(),
        "u64" | "u128" | "usize" => "{\"type\":\"integer\",\"format\":\"int64\",\"minimum\":0}".to_string(),
        "i8" | "i16" | "i32" => "{\"type\":\"integer\",\"format\":\"int32\"}".to_string(),
        "i64" | "i128" | "isize" => "{\"type\":\"integer\",\"format\":\"int64\"}".to_string(),
        "f32" => "{\"type\":\"number\",\"format\":\"float\"}".to_string(),
        "f64" => "{\"type\":\"number\",\"format\":\"double\"}".to_string(),
        "Uuid" => "{\"type\":\"string\",\"format\":\"uuid\"}".to_string(),
        "DateTime" | "OffsetDateTime" => "{\"type\":\"string\",\"format\":\"date-time\"}".to_string(),
        "Box" | "Arc" | "Rc" => {
            return first_generic(seg).map(type_schema).unwrap_or(("{}".into(), false));
        }
        other => format!("{{\"$ref\":\"#/components/schemas/{}\"}}", other),
    };
    (s, false)
}
