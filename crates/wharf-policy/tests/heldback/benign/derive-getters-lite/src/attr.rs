use syn::{Attribute, LitStr};

#[derive(Default)]
pub struct FieldOpts {
    pub skip: bool,
    pub rename: Option<String>,
}

pub fn parse(attrs: &[Attribute]) -> syn::Result<FieldOpts> {
    let mut o = FieldOpts::default();
    for a in attrs.iter().filter(|a| a.path().is_ident("getter")) {
        a.parse_nested_meta(|m| {
            if m.path.is_ident("skip") {
                o.skip = true;
                Ok(())
            } else if m.path.is_ident("rename") {
                let s: LitStr = m.value()?.parse()?;
                o.rename = Some(s.value());
                Ok(())
            } else {
                Err(m.error("expected `skip` or `rename = \"...\"`"))
            }
        })?;
    }
    Ok(o)
}
