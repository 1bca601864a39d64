use syn::{Attribute, Expr, Path};

#[derive(Default)]
pub struct FieldOpts {
    pub default: Option<Expr>,
}

#[derive(Default)]
pub struct StructOpts {
    pub validate: Option<Path>,
}

impl FieldOpts {
    pub fn from_attrs(attrs: &[Attribute]) -> syn::Result<Self> {
        let mut o = Self::default();
        for a in attrs.iter().filter(|a| a.path().is_ident("builder")) {
            a.parse_nested_meta(|m| {
                if m.path.is_ident("default") {
                    o.default = Some(m.value()?.parse()?);
                    Ok(())
                } else {
                    Err(m.error("unknown builder option"))
                }
            })?;
        }
        Ok(o)
    }
}

impl StructOpts {
    pub fn from_attrs(attrs: &[Attribute]) -> syn::Result<Self> {
        let mut o = Self::default();
        for a in attrs.iter().filter(|a| a.path().is_ident("builder")) {
            a.parse_nested_meta(|m| {
                if m.path.is_ident("validate") {
                    o.validate = Some(m.value()?.parse()?);
                    Ok(())
                } else {
                    Err(m.error("unknown builder option"))
                }
            })?;
        }
        Ok(o)
    }
}
