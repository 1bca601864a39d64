//! Parsing of `#[table(...)]` on the container and on fields.

use syn::{Attribute, LitInt, LitStr};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Align {
    #[default]
    Left,
    Right,
    Center,
}

impl Align {
    pub(crate) fn as_byte(self) -> u8 {
        match self {
            Align::Left => b'l',
            Align::Right => b'r',
            Align::Center => b'c',
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Border {
    #[default]
    Plain,
    Ascii,
    Markdown,
    None,
}

impl Border {
    pub(crate) fn as_byte(self) -> u8 {
        match self {
            Border::Plain => b'p',
            Border::Ascii => b'a',
            Border::Markdown => b'm',
            Border::None => b'n',
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum RenameRule {
    #[default]
    Verbatim,
    TitleCase,
    Upper,
    Kebab,
    Lower,
}

impl RenameRule {
    fn from_str(s: &str) -> Option<Self> {
        Some(match s {
            "Title Case" | "title" => RenameRule::TitleCase,
            "UPPERCASE" | "SCREAMING_SNAKE_CASE" => RenameRule::Upper,
            "kebab-case" => RenameRule::Kebab,
            "lowercase" | "snake_case" => RenameRule::Lower,
            "verbatim" => RenameRule::Verbatim,
            _ => return None,
        })
    }

    pub(crate) fn apply(self, ident: &str) -> String {
        let ident = ident.trim_start_matches("r#");
        match self {
            RenameRule::Verbatim => ident.to_owned(),
            RenameRule::Lower => ident.to_lowercase(),
            RenameRule::Upper => ident.to_uppercase(),
            RenameRule::Kebab => ident.replace('_', "-").to_lowercase(),
            RenameRule::TitleCase => ident
                .split('_')
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let mut cs = w.chars();
                    match cs.next() {
                        Some(first) => first.to_uppercase().chain(cs).collect::<String>(),
                        None => String::new(),
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct ContainerOpts {
    pub rename_all: RenameRule,
    pub border: Border,
}

#[derive(Debug, Default)]
pub(crate) struct FieldOpts {
    pub rename: Option<String>,
    pub skip: bool,
    pub align: Align,
    pub min_width: Option<usize>,
    pub format: Option<LitStr>,
}

pub(crate) fn container(attrs: &[Attribute]) -> syn::Result<ContainerOpts> {
    let mut out = ContainerOpts::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("table")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                let lit: LitStr = meta.value()?.parse()?;
                out.rename_all = RenameRule::from_str(&lit.value()).ok_or_else(|| {
                    syn::Error::new(
                        lit.span(),
                        "expected one of \"Title Case\", \"UPPERCASE\", \"kebab-case\", \"lowercase\", \"verbatim\"",
                    )
                })?;
                Ok(())
            } else if meta.path.is_ident("border") {
                let lit: LitStr = meta.value()?.parse()?;
                out.border = match lit.value().as_str() {
                    "plain" => Border::Plain,
                    "ascii" => Border::Ascii,
                    "markdown" | "md" => Border::Markdown,
                    "none" => Border::None,
                    _ => {
                        return Err(syn::Error::new(
                            lit.span(),
                            "expected \"plain\", \"ascii\", \"markdown\" or \"none\"",
                        ))
                    }
                };
                Ok(())
            } else {
                Err(meta.error("unknown container option; expected `rename_all` or `border`"))
            }
        })?;
    }
    Ok(out)
}

pub(crate) fn field(attrs: &[Attribute]) -> syn::Result<FieldOpts> {
    let mut out = FieldOpts::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("table")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("skip") {
                out.skip = true;
                return Ok(());
            }
            if meta.path.is_ident("rename") {
                let lit: LitStr = meta.value()?.parse()?;
                out.rename = Some(lit.value());
                return Ok(());
            }
            if meta.path.is_ident("align") {
                let lit: LitStr = meta.value()?.parse()?;
                out.align = match lit.value().as_str() {
                    "left" | "l" => Align::Left,
                    "right" | "r" => Align::Right,
                    "center" | "centre" | "c" => Align::Center,
                    _ => return Err(syn::Error::new(lit.span(), "expected \"left\", \"right\" or \"center\"")),
                };
                return Ok(());
            }
            if meta.path.is_ident("min_width") {
                let lit: LitInt = meta.value()?.parse()?;
                out.min_width = Some(lit.base10_parse()?);
                return Ok(());
            }
            if meta.path.is_ident("format") {
                let lit: LitStr = meta.value()?.parse()?;
                if !lit.value().contains('{') {
                    return Err(syn::Error::new(lit.span(), "format string needs a `{}` placeholder"));
                }
                out.format = Some(lit);
                return Ok(());
            }
            Err(meta.error("unknown field option; expected `skip`, `rename`, `align`, `min_width` or `format`"))
        })?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::RenameRule;

    #[test]
    fn rename_rules() {
        assert_eq!(RenameRule::TitleCase.apply("crate_name"), "Crate Name");
        assert_eq!(RenameRule::Upper.apply("crate_name"), "CRATE_NAME");
        assert_eq!(RenameRule::Kebab.apply("Crate_Name"), "crate-name");
        assert_eq!(RenameRule::Verbatim.apply("r#type"), "type");
    }
}
