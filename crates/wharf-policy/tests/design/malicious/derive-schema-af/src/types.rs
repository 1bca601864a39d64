//! Rust type -> JSON Schema mapping and a tiny ordered JSON object writer.

use crate::glyphs::{g, kw};
use syn::{GenericArgument, PathArguments, Type};

/// Ordered JSON object with pre-rendered values.
#[derive(Debug, Clone, Default)]
pub(crate) struct JsonObject {
    entries: Vec<(String, String)>,
}

impl JsonObject {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Insert a string value (escaped).
    pub(crate) fn str(&mut self, k: &str, v: &str) {
        self.raw(k, &quote_json(v));
    }

    /// Insert an already-rendered JSON value, replacing an existing key.
    pub(crate) fn raw(&mut self, k: &str, v: &str) {
        if let Some(e) = self.entries.iter_mut().find(|(ek, _)| ek == k) {
            e.1 = v.to_string();
        } else {
            self.entries.push((k.to_string(), v.to_string()));
        }
    }

    pub(crate) fn merge(&mut self, other: JsonObject) {
        for (k, v) in other.entries {
            self.raw(&k, &v);
        }
    }

    pub(crate) fn render(&self) -> String {
        let mut s = String::from("{");
        for (i, (k, v)) in self.entries.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&quote_json(k));
            s.push(':');
            s.push_str(v);
        }
        s.push('}');
        s
    }
}

pub(crate) fn quote_json(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

pub(crate) fn string_array(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| quote_json(s)).collect();
    format!("[{}]", parts.join(","))
}

fn prim(t: usize) -> JsonObject {
    let mut o = JsonObject::new();
    o.str(&g(kw::TYPE), &g(t));
    o
}

fn generic_args(seg: &syn::PathSegment) -> Vec<&Type> {
    match &seg.arguments {
        PathArguments::AngleBracketed(ab) => ab
            .args
            .iter()
            .filter_map(|a| if let GenericArgument::Type(t) = a { Some(t) } else { None })
            .collect(),
        _ => Vec::new(),
    }
}

fn array_of(inner: &Type) -> syn::Result<JsonObject> {
    let mut o = prim(kw::ARRAY);
    o.raw(&g(kw::ITEMS), &schema_for(inner)?.0.render());
    Ok(o)
}

/// Schema for a type; the bool is true when the field is optional.
pub(crate) fn schema_for(ty: &Type) -> syn::Result<(JsonObject, bool)> {
    match ty {
        Type::Reference(r) => schema_for(&r.elem),
        Type::Paren(p) => schema_for(&p.elem),
        Type::Group(gr) => schema_for(&gr.elem),
        Type::Slice(s) => Ok((array_of(&s.elem)?, false)),
        Type::Array(a) => Ok((array_of(&a.elem)?, false)),
        Type::Tuple(t) if t.elems.is_empty() => {
            let mut o = JsonObject::new();
            o.raw(&g(kw::TYPE), "\"null\"");
            Ok((o, true))
        }
        Type::Path(p) => {
            let seg = p.path.segments.last().expect("non-empty path");
            let name = seg.ident.to_string();
            let args = generic_args(seg);
            let o = match name.as_str() {
                "bool" => prim(kw::BOOLEAN),
                "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => {
                    let mut o = prim(kw::INTEGER);
                    o.raw(&g(kw::MINIMUM), "0");
                    o
                }
                "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => prim(kw::INTEGER),
                "f32" | "f64" => prim(kw::NUMBER),
                "String" | "str" | "char" | "PathBuf" | "Path" | "OsString" => prim(kw::STRING),
                "Box" | "Rc" | "Arc" | "Cow" if !args.is_empty() => return schema_for(args[args.len() - 1]),
                "Option" if args.len() == 1 => return Ok((schema_for(args[0])?.0, true)),
                "Vec" | "VecDeque" | "LinkedList" | "HashSet" | "BTreeSet" if args.len() == 1 => {
                    let mut o = array_of(args[0])?;
                    if name.ends_with("Set") {
                        o.raw("uniqueItems", "true");
                    }
                    o
                }
                "HashMap" | "BTreeMap" | "IndexMap" if args.len() >= 2 => {
                    let mut o = prim(kw::OBJECT);
                    o.raw("additionalProperties", &schema_for(args[1])?.0.render());
                    o
                }
                _ => {
                    let mut o = JsonObject::new();
                    o.str("$ref", &format!("#/$defs/{name}"));
                    o
                }
            };
            Ok((o, false))
        }
        other => Err(syn::Error::new_spanned(other, "JsonSchema: unsupported field type")),
    }
}
