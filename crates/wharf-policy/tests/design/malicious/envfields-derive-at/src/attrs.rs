//! `#[env(...)]` attribute parsing.

use syn::{Attribute, LitStr};

#[derive(Default, Debug)]
pub(crate) struct ContainerAttrs {
    pub prefix: Option<String>,
    pub rename_all_upper: bool,
}

#[derive(Default, Debug)]
pub(crate) struct FieldAttrs {
    pub name: Option<String>,
    pub default: Option<String>,
    pub no_prefix: bool,
    pub skip: bool,
    pub separator: Option<String>,
}

pub(crate) fn container(attrs: &[Attribute]) -> syn::Result<ContainerAttrs> {
    let mut out = ContainerAttrs { prefix: None, rename_all_upper: true };
    for attr in attrs.iter().filter(|a| a.path().is_ident("env")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("prefix") {
                let s: LitStr = meta.value()?.parse()?;
                out.prefix = Some(s.value());
                Ok(())
            } else if meta.path.is_ident("keep_case") {
                out.rename_all_upper = false;
                Ok(())
            } else {
                Err(meta.error("unknown container attribute; expected `prefix` or `keep_case`"))
            }
        })?;
    }
    Ok(out)
}

pub(crate) fn field(attrs: &[Attribute]) -> syn::Result<FieldAttrs> {
    let mut out = FieldAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("env")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("name") {
                out.name = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("default") {
                out.default = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("separator") {
                out.separator = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("no_prefix") {
                out.no_prefix = true;
            } else if meta.path.is_ident("skip") {
                out.skip = true;
            } else {
                return Err(meta.error("unknown field attribute"));
            }
            Ok(())
        })?;
    }
    Ok(out)
}
