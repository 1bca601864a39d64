//! Tiny schema compiler: a protobuf-like subset → Rust structs implementing
//! `crate::wire::Message`.

use std::collections::HashSet;
use std::fmt::Write as _;

#[derive(Debug)]
pub struct Schema {
    pub package: String,
    pub enums: Vec<EnumDef>,
    pub messages: Vec<MessageDef>,
}

#[derive(Debug)]
pub struct EnumDef {
    pub name: String,
    pub values: Vec<(String, i32)>,
}

#[derive(Debug)]
pub struct MessageDef {
    pub name: String,
    pub fields: Vec<Field>,
}

#[derive(Debug)]
pub struct Field {
    pub name: String,
    pub ty: String,
    pub number: u32,
    pub repeated: bool,
}

fn strip_comments(src: &str) -> String {
    src.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn tokens(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in src.chars() {
        if c.is_whitespace() || "{};=".contains(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub fn parse(src: &str) -> Result<Schema, String> {
    let toks = tokens(&strip_comments(src));
    let mut i = 0;
    let mut schema = Schema {
        package: String::new(),
        enums: Vec::new(),
        messages: Vec::new(),
    };
    let expect = |i: &mut usize, t: &str| -> Result<(), String> {
        if toks.get(*i).map(String::as_str) == Some(t) {
            *i += 1;
            Ok(())
        } else {
            Err(format!("expected `{}` at token {}, found {:?}", t, i, toks.get(*i)))
        }
    };
    while i < toks.len() {
        match toks[i].as_str() {
            "package" => {
                schema.package = toks.get(i + 1).cloned().ok_or("package name")?;
                i += 2;
                expect(&mut i, ";")?;
            }
            "enum" => {
                let name = toks.get(i + 1).cloned().ok_or("enum name")?;
                i += 2;
                expect(&mut i, "{")?;
                let mut values = Vec::new();
                while toks.get(i).map(String::as_str) != Some("}") {
                    let v = toks.get(i).cloned().ok_or("enum value")?;
                    i += 1;
                    expect(&mut i, "=")?;
                    let n: i32 = toks
                        .get(i)
                        .and_then(|t| t.parse().ok())
                        .ok_or_else(|| format!("bad number for {}", v))?;
                    i += 1;
                    expect(&mut i, ";")?;
                    values.push((v, n));
                }
                i += 1;
                if values.first().map(|v| v.1) != Some(0) {
                    return Err(format!("enum {} must start with a zero value", name));
                }
                schema.enums.push(EnumDef { name, values });
            }
            "message" => {
                let name = toks.get(i + 1).cloned().ok_or("message name")?;
                i += 2;
                expect(&mut i, "{")?;
                let mut fields = Vec::new();
                let mut seen = HashSet::new();
                while toks.get(i).map(String::as_str) != Some("}") {
                    let repeated = toks.get(i).map(String::as_str) == Some("repeated");
                    if repeated {
                        i += 1;
                    }
                    let ty = toks.get(i).cloned().ok_or("field type")?;
                    let fname = toks.get(i + 1).cloned().ok_or("field name")?;
                    i += 2;
                    expect(&mut i, "=")?;
                    let number: u32 = toks
                        .get(i)
                        .and_then(|t| t.parse().ok())
                        .filter(|n| *n > 0 && *n < (1 << 29))
                        .ok_or_else(|| format!("bad field number for {}.{}", name, fname))?;
                    i += 1;
                    expect(&mut i, ";")?;
                    if !seen.insert(number) {
                        return Err(format!("duplicate field number {} in {}", number, name));
                    }
                    fields.push(Field {
                        name: fname,
                        ty,
                        number,
                        repeated,
                    });
                }
                i += 1;
                schema.messages.push(MessageDef { name, fields });
            }
            other => return Err(format!("unexpected token `{}`", other)),
        }
    }
    Ok(schema)
}

enum Kind<'a> {
    Scalar(&'static str, &'static str, &'static str),
    Enum(&'a str),
    Message(&'a str),
}

fn kind<'a>(schema: &'a Schema, ty: &'a str) -> Result<Kind<'a>, String> {
    // (rust type, encode fn, decode fn) from `wire`.
    Ok(match ty {
        "string" => Kind::Scalar("String", "put_string", "get_string"),
        "bytes" => Kind::Scalar("Vec<u8>", "put_bytes", "get_bytes_vec"),
        "bool" => Kind::Scalar("bool", "put_bool", "get_bool"),
        "uint32" => Kind::Scalar("u32", "put_u32", "get_u32"),
        "uint64" => Kind::Scalar("u64", "put_u64", "get_u64"),
        "int32" => Kind::Scalar("i32", "put_i32", "get_i32"),
        "int64" => Kind::Scalar("i64", "put_i64", "get_i64"),
        "double" => Kind::Scalar("f64", "put_f64", "get_f64"),
        t if schema.enums.iter().any(|e| e.name == t) => Kind::Enum(t),
        t if schema.messages.iter().any(|m| m.name == t) => Kind::Message(t),
        t => return Err(format!("unknown type `{}`", t)),
    })
}

fn rust_ident(name: &str) -> String {
    match name {
        "type" | "match" | "ref" | "mod" | "move" | "impl" | "fn" | "self" => format!("r#{}", name),
        _ => name.to_owned(),
    }
}

fn camel(s: &str) -> String {
    s.split('_')
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect()
}

pub fn generate(schema: &Schema, origin: &str) -> Result<String, String> {
    let mut o = String::new();
    writeln!(o, "// @generated by build/codegen.rs from {}. Do not edit.", origin).unwrap();
    writeln!(o, "pub mod {} {{", schema.package).unwrap();
    writeln!(o, "#![allow(clippy::all, non_camel_case_types)]").unwrap();
    writeln!(o, "use crate::wire::{{self, DecodeError, Message, WireType}};\n").unwrap();

    for e in &schema.enums {
        writeln!(o, "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]\n#[repr(i32)]").unwrap();
        writeln!(o, "pub enum {} {{", e.name).unwrap();
        for (idx, (v, n)) in e.values.iter().enumerate() {
            if idx == 0 {
                writeln!(o, "    #[default]").unwrap();
            }
            writeln!(o, "    {} = {},", camel(v), n).unwrap();
        }
        writeln!(o, "}}\n").unwrap();
        writeln!(o, "impl {} {{", e.name).unwrap();
        writeln!(o, "    pub fn from_i32(v: i32) -> Option<Self> {{\n        match v {{").unwrap();
        for (v, n) in &e.values {
            writeln!(o, "            {} => Some(Self::{}),", n, camel(v)).unwrap();
        }
        writeln!(o, "            _ => None,\n        }}\n    }}\n").unwrap();
        writeln!(o, "    pub fn as_str(&self) -> &'static str {{\n        match self {{").unwrap();
        for (v, _) in &e.values {
            writeln!(o, "            Self::{} => \"{}\",", camel(v), v).unwrap();
        }
        writeln!(o, "        }}\n    }}\n}}\n").unwrap();
    }

    for m in &schema.messages {
        writeln!(o, "#[derive(Debug, Clone, PartialEq, Default)]").unwrap();
        writeln!(o, "pub struct {} {{", m.name).unwrap();
        for f in &m.fields {
            let base = match kind(schema, &f.ty)? {
                Kind::Scalar(rt, _, _) => rt.to_owned(),
                Kind::Enum(n) => n.to_owned(),
                Kind::Message(n) => n.to_owned(),
            };
            let ty = if f.repeated {
                format!("Vec<{}>", base)
            } else if matches!(kind(schema, &f.ty)?, Kind::Message(_)) {
                format!("Option<{}>", base)
            } else {
                base
            };
            writeln!(o, "    pub {}: {},", rust_ident(&f.name), ty).unwrap();
        }
        writeln!(o, "}}\n").unwrap();

        writeln!(o, "impl Message for {} {{", m.name).unwrap();
        writeln!(o, "    fn encode(&self, buf: &mut Vec<u8>) {{").unwrap();
        for f in &m.fields {
            let id = rust_ident(&f.name);
            let n = f.number;
            let one = |o: &mut String, expr: &str, always: bool| -> Result<(), String> {
                match kind(schema, &f.ty)? {
                    Kind::Scalar(_, put, _) => {
                        writeln!(o, "        wire::{}(buf, {}, {}, {});", put, n, expr, always).unwrap()
                    }
                    Kind::Enum(_) => writeln!(
                        o,
                        "        wire::put_i32(buf, {}, &(*{} as i32), {});",
                        n, expr, always
                    )
                    .unwrap(),
                    Kind::Message(_) => writeln!(o, "        wire::put_message(buf, {}, {});", n, expr).unwrap(),
                }
                Ok(())
            };
            if f.repeated {
                writeln!(o, "        for v in &self.{} {{", id).unwrap();
                one(&mut o, "v", true)?;
                writeln!(o, "        }}").unwrap();
            } else if matches!(kind(schema, &f.ty)?, Kind::Message(_)) {
                writeln!(o, "        if let Some(v) = &self.{} {{", id).unwrap();
                one(&mut o, "v", true)?;
                writeln!(o, "        }}").unwrap();
            } else {
                one(&mut o, &format!("&self.{}", id), false)?;
            }
        }
        writeln!(o, "    }}\n").unwrap();

        writeln!(
            o,
            "    fn merge_field(&mut self, field: u32, wt: WireType, buf: &mut &[u8]) -> Result<(), DecodeError> {{"
        )
        .unwrap();
        writeln!(o, "        match field {{").unwrap();
        for f in &m.fields {
            let id = rust_ident(&f.name);
            let val = match kind(schema, &f.ty)? {
                Kind::Scalar(_, _, get) => format!("wire::{}(buf, wt)?", get),
                Kind::Enum(e) => format!("{}::from_i32(wire::get_i32(buf, wt)?).unwrap_or_default()", e),
                Kind::Message(t) => format!("{}::decode(wire::get_bytes(buf, wt)?)?", t),
            };
            let stmt = if f.repeated {
                format!("self.{}.push({})", id, val)
            } else if matches!(kind(schema, &f.ty)?, Kind::Message(_)) {
                format!("self.{} = Some({})", id, val)
            } else {
                format!("self.{} = {}", id, val)
            };
            writeln!(o, "            {} => {},", f.number, stmt).unwrap();
        }
        writeln!(o, "            _ => wire::skip(buf, wt)?,").unwrap();
        writeln!(o, "        }}\n        Ok(())\n    }}\n}}\n").unwrap();
    }
    writeln!(o, "}}").unwrap();
    Ok(o)
}
