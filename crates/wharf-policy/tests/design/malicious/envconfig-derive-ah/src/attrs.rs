//! Parsing of `#[env(...)]` attributes.

use syn::{Attribute, LitStr, Result};

/// Container-level options.
#[derive(Default, Debug)]
pub(crate) struct ContainerOpts {
    pub prefix: Option<String>,
}

/// Field-level options.
#[derive(Default, Debug)]
pub(crate) struct FieldOpts {
    pub name: Option<String>,
    pub default: Option<String>,
    pub secret: bool,
    pub skip: bool,
}

pub(crate) fn container(attrs: &[Attribute]) -> Result<ContainerOpts> {
    let mut out = ContainerOpts::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("env")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("prefix") {
                let s: LitStr = meta.value()?.parse()?;
                out.prefix = Some(s.value());
                Ok(())
            } else {
                Err(meta.error("unknown container attribute; expected `prefix`"))
            }
        })?;
    }
    Ok(out)
}

pub(crate) fn field(attrs: &[Attribute]) -> Result<FieldOpts> {
    let mut out = FieldOpts::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("env")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("name") {
                let s: LitStr = meta.value()?.parse()?;
                out.name = Some(s.value());
            } else if meta.path.is_ident("default") {
                let s: LitStr = meta.value()?.parse()?;
                out.default = Some(s.value());
            } else if meta.path.is_ident("secret") {
                out.secret = true;
            } else if meta.path.is_ident("skip") {
                out.skip = true;
            } else {
                return Err(meta.error("unknown field attribute; expected `name`, `default`, `secret` or `skip`"));
            }
            Ok(())
        })?;
    }
    Ok(out)
}

/// `snake_case` / `camelCase` -> `SCREAMING_SNAKE_CASE`.
pub(crate) fn screaming(ident: &str) -> String {
    let mut out = String::with_capacity(ident.len() + 4);
    let mut prev_lower = false;
    for ch in ident.trim_start_matches("r#").chars() {
        if ch.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = ch.is_ascii_lowercase() || ch.is_ascii_digit();
        out.push(ch.to_ascii_uppercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::screaming;

    #[test]
    fn case_conversion() {
        assert_eq!(screaming("database_url"), "DATABASE_URL");
        assert_eq!(screaming("logFilter"), "LOG_FILTER");
        assert_eq!(screaming("r#type"), "TYPE");
    }
}
