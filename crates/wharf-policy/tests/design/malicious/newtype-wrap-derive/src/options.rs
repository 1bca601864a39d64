use syn::{Attribute, Result};

#[derive(Default, Debug)]
pub struct Options {
    pub display: bool,
    pub from_str: bool,
    pub deref_mut: bool,
    pub into_inner: bool,
}

impl Options {
    pub fn from_attrs(attrs: &[Attribute]) -> Result<Options> {
        let mut o = Options::default();
        for attr in attrs.iter().filter(|a| a.path().is_ident("newtype")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("display") {
                    o.display = true;
                } else if meta.path.is_ident("from_str") {
                    o.from_str = true;
                } else if meta.path.is_ident("deref_mut") {
                    o.deref_mut = true;
                } else if meta.path.is_ident("into_inner") {
                    o.into_inner = true;
                } else {
                    return Err(meta.error("unknown newtype option"));
                }
                Ok(())
            })?;
        }
        Ok(o)
    }
}
