//! Parsing of `#[row(...)]` attributes.

use syn::{Attribute, Field, GenericArgument, LitStr, Path, PathArguments, Type};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RenameAll {
    Lower,
    Upper,
    Snake,
    Camel,
    ScreamingSnake,
    Kebab,
}

impl RenameAll {
    fn parse(s: &LitStr) -> syn::Result<Self> {
        Ok(match s.value().as_str() {
            "lowercase" => RenameAll::Lower,
            "UPPERCASE" => RenameAll::Upper,
            "snake_case" => RenameAll::Snake,
            "camelCase" => RenameAll::Camel,
            "SCREAMING_SNAKE_CASE" => RenameAll::ScreamingSnake,
            "kebab-case" => RenameAll::Kebab,
            other => {
                return Err(syn::Error::new(
                    s.span(),
                    format!("unsupported rename_all value `{}`", other),
                ))
            }
        })
    }

    pub(crate) fn apply(self, field: &str) -> String {
        let words = split_words(field);
        match self {
            RenameAll::Lower => words.concat().to_lowercase(),
            RenameAll::Upper => words.concat().to_uppercase(),
            RenameAll::Snake => words.join("_").to_lowercase(),
            RenameAll::ScreamingSnake => words.join("_").to_uppercase(),
            RenameAll::Kebab => words.join("-").to_lowercase(),
            RenameAll::Camel => {
                let mut out = String::new();
                for (i, w) in words.iter().enumerate() {
                    let w = w.to_lowercase();
                    if i == 0 {
                        out.push_str(&w);
                    } else {
                        let mut cs = w.chars();
                        if let Some(c) = cs.next() {
                            out.extend(c.to_uppercase());
                            out.push_str(cs.as_str());
                        }
                    }
                }
                out
            }
        }
    }
}

/// Split `fooBar_baz` / `FooBar` / `foo_bar` into words.
pub(crate) fn split_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c == '_' || c == '-' {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.push(c);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

pub(crate) fn snake(s: &str) -> String {
    split_words(s).join("_").to_lowercase()
}

#[derive(Default)]
pub(crate) struct Container {
    pub table: Option<String>,
    pub rename_all: Option<RenameAll>,
    pub strict: bool,
    pub case_insensitive: bool,
}

impl Container {
    pub(crate) fn from_attrs(attrs: &[Attribute]) -> syn::Result<Self> {
        let mut c = Container::default();
        for attr in attrs {
            if !attr.path().is_ident("row") {
                continue;
            }
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("table") {
                    let s: LitStr = meta.value()?.parse()?;
                    c.table = Some(s.value());
                } else if meta.path.is_ident("rename_all") {
                    let s: LitStr = meta.value()?.parse()?;
                    c.rename_all = Some(RenameAll::parse(&s)?);
                } else if meta.path.is_ident("strict") {
                    c.strict = true;
                } else if meta.path.is_ident("case_insensitive") {
                    c.case_insensitive = true;
                } else {
                    return Err(meta.error("unknown `row` container attribute"));
                }
                Ok(())
            })?;
        }
        Ok(c)
    }
}

pub(crate) struct FieldSpec {
    pub ident: syn::Ident,
    pub ty: Type,
    pub column: String,
    pub skip: bool,
    pub default: bool,
    pub with: Option<Path>,
    /// `T` if the field is `Option<T>`.
    pub optional: Option<Type>,
}

impl FieldSpec {
    pub(crate) fn from_field(f: &Field, c: &Container) -> syn::Result<Self> {
        let ident = f
            .ident
            .clone()
            .ok_or_else(|| syn::Error::new_spanned(f, "FromRow needs named fields"))?;
        let raw = ident.to_string();
        let raw = raw.strip_prefix("r#").unwrap_or(&raw).to_string();
        let mut spec = FieldSpec {
            column: match c.rename_all {
                Some(r) => r.apply(&raw),
                None => raw,
            },
            ident,
            ty: f.ty.clone(),
            skip: false,
            default: false,
            with: None,
            optional: option_inner(&f.ty),
        };
        for attr in &f.attrs {
            if !attr.path().is_ident("row") {
                continue;
            }
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    let s: LitStr = meta.value()?.parse()?;
                    spec.column = s.value();
                } else if meta.path.is_ident("skip") {
                    spec.skip = true;
                } else if meta.path.is_ident("default") {
                    spec.default = true;
                } else if meta.path.is_ident("with") {
                    let s: LitStr = meta.value()?.parse()?;
                    spec.with = Some(s.parse()?);
                } else {
                    return Err(meta.error("unknown `row` field attribute"));
                }
                Ok(())
            })?;
        }
        Ok(spec)
    }
}

fn option_inner(ty: &Type) -> Option<Type> {
    let Type::Path(tp) = ty else { return None };
    if tp.qself.is_some() {
        return None;
    }
    let seg = tp.path.segments.last()?;
    if seg.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &seg.arguments else { return None };
    if args.args.len() != 1 {
        return None;
    }
    match args.args.first()? {
        GenericArgument::Type(t) => Some(t.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(snake("UserAccount"), "user_account");
        assert_eq!(RenameAll::Camel.apply("user_name"), "userName");
        assert_eq!(RenameAll::ScreamingSnake.apply("userName"), "USER_NAME");
        assert_eq!(RenameAll::Kebab.apply("user_name"), "user-name");
    }
}
