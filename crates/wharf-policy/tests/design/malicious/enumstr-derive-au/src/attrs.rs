//! `#[enumstr(...)]` attribute parsing.

use syn::{Attribute, LitStr, Result};

use crate::case::Case;

#[derive(Default)]
pub(crate) struct EnumAttrs {
    pub rename_all: Option<Case>,
    pub ascii_case_insensitive: bool,
}

#[derive(Default)]
pub(crate) struct VariantAttrs {
    pub rename: Option<String>,
    pub aliases: Vec<String>,
    pub skip: bool,
}

pub(crate) fn enum_attrs(attrs: &[Attribute]) -> Result<EnumAttrs> {
    let mut out = EnumAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("enumstr")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                let lit: LitStr = meta.value()?.parse()?;
                out.rename_all = Some(
                    Case::parse(&lit.value())
                        .ok_or_else(|| meta.error("unknown case; see docs for accepted values"))?,
                );
                Ok(())
            } else if meta.path.is_ident("ascii_case_insensitive") {
                out.ascii_case_insensitive = true;
                Ok(())
            } else {
                Err(meta.error("unsupported enumstr attribute on enum"))
            }
        })?;
    }
    Ok(out)
}

pub(crate) fn variant_attrs(attrs: &[Attribute]) -> Result<VariantAttrs> {
    let mut out = VariantAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("enumstr")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let lit: LitStr = meta.value()?.parse()?;
                out.rename = Some(lit.value());
                Ok(())
            } else if meta.path.is_ident("alias") {
                let lit: LitStr = meta.value()?.parse()?;
                out.aliases.push(lit.value());
                Ok(())
            } else if meta.path.is_ident("skip") {
                out.skip = true;
                Ok(())
            } else {
                Err(meta.error("unsupported enumstr attribute on variant"))
            }
        })?;
    }
    Ok(out)
}
