//! `#[sqlrow(...)]` attribute parsing.

use syn::{Attribute, LitStr};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum RenameRule {
    #[default]
    None,
    SnakeCase,
    CamelCase,
    UpperCase,
    LowerCase,
}

impl RenameRule {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "snake_case" => RenameRule::SnakeCase,
            "camelCase" => RenameRule::CamelCase,
            "UPPERCASE" => RenameRule::UpperCase,
            "lowercase" => RenameRule::LowerCase,
            "none" => RenameRule::None,
            _ => return None,
        })
    }

    pub(crate) fn apply(self, name: &str) -> String {
        match self {
            RenameRule::None => name.to_string(),
            RenameRule::LowerCase => name.to_lowercase(),
            RenameRule::UpperCase => name.to_uppercase(),
            RenameRule::SnakeCase => {
                let mut out = String::new();
                for (i, c) in name.chars().enumerate() {
                    if c.is_uppercase() {
                        if i > 0 {
                            out.push('_');
                        }
                        out.extend(c.to_lowercase());
                    } else {
                        out.push(c);
                    }
                }
                out
            }
            RenameRule::CamelCase => {
                let mut out = String::new();
                let mut up = false;
                for c in name.chars() {
                    if c == '_' {
                        up = true;
                    } else if up {
                        out.extend(c.to_uppercase());
                        up = false;
                    } else {
                        out.push(c);
                    }
                }
                out
            }
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct ContainerAttrs {
    pub table: Option<String>,
    pub rename_all: RenameRule,
}

impl ContainerAttrs {
    pub(crate) fn from_attrs(attrs: &[Attribute]) -> syn::Result<Self> {
        let mut out = ContainerAttrs::default();
        for a in attrs.iter().filter(|a| a.path().is_ident("sqlrow")) {
            a.parse_nested_meta(|m| {
                if m.path.is_ident("table") {
                    out.table = Some(m.value()?.parse::<LitStr>()?.value());
                    Ok(())
                } else if m.path.is_ident("rename_all") {
                    let lit: LitStr = m.value()?.parse()?;
                    out.rename_all = RenameRule::parse(&lit.value())
                        .ok_or_else(|| syn::Error::new(lit.span(), "unknown rename_all rule"))?;
                    Ok(())
                } else {
                    Err(m.error("unknown sqlrow container attribute"))
                }
            })?;
        }
        Ok(out)
    }
}

#[derive(Debug, Default)]
pub(crate) struct FieldAttrs {
    pub rename: Option<String>,
    pub default: bool,
    pub skip: bool,
}

impl FieldAttrs {
    pub(crate) fn from_attrs(attrs: &[Attribute]) -> syn::Result<Self> {
        let mut out = FieldAttrs::default();
        for a in attrs.iter().filter(|a| a.path().is_ident("sqlrow")) {
            a.parse_nested_meta(|m| {
                if m.path.is_ident("rename") {
                    out.rename = Some(m.value()?.parse::<LitStr>()?.value());
                } else if m.path.is_ident("default") {
                    out.default = true;
                } else if m.path.is_ident("skip") {
                    out.skip = true;
                } else {
                    return Err(m.error("unknown sqlrow field attribute"));
                }
                Ok(())
            })?;
        }
        Ok(out)
    }
}
