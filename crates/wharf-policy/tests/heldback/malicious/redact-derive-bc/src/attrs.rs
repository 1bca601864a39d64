//! Parsing of `#[redact(...)]` attributes.

use syn::{Attribute, LitInt, LitStr, Result};

/// How a single field is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Printed with its own `Debug` impl.
    Show,
    /// Replaced by `"***"`.
    Full,
    /// `"***"` followed by the last `n` characters of its `Display` output.
    Tail(usize),
    /// Left out entirely.
    Skip,
}

#[derive(Debug, Default)]
pub(crate) struct ContainerOpts {
    pub all: bool,
    pub name: Option<String>,
}

pub(crate) fn container(attrs: &[Attribute]) -> Result<ContainerOpts> {
    let mut opts = ContainerOpts::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("redact")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("all") {
                opts.all = true;
                Ok(())
            } else if meta.path.is_ident("name") {
                let s: LitStr = meta.value()?.parse()?;
                opts.name = Some(s.value());
                Ok(())
            } else {
                Err(meta.error("unknown container option; expected `all` or `name = \"...\"`"))
            }
        })?;
    }
    Ok(opts)
}

/// Resolves the mode of one field. `default` is `Full` under `#[redact(all)]`, else `Show`.
pub(crate) fn field(attrs: &[Attribute], default: Mode) -> Result<Mode> {
    let mut mode: Option<Mode> = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("redact")) {
        let set = |m: &mut Option<Mode>, new: Mode, span: &dyn quote::ToTokens| -> Result<()> {
            if m.is_some() {
                return Err(syn::Error::new_spanned(span, "conflicting #[redact] options on one field"));
            }
            *m = Some(new);
            Ok(())
        };
        if let syn::Meta::Path(_) = attr.meta {
            set(&mut mode, Mode::Full, attr)?;
            continue;
        }
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("skip") {
                set(&mut mode, Mode::Skip, &meta.path)
            } else if meta.path.is_ident("show") {
                set(&mut mode, Mode::Show, &meta.path)
            } else if meta.path.is_ident("full") {
                set(&mut mode, Mode::Full, &meta.path)
            } else if meta.path.is_ident("partial") || meta.path.is_ident("last") {
                let n: LitInt = meta.value()?.parse()?;
                let n: usize = n.base10_parse()?;
                set(&mut mode, if n == 0 { Mode::Full } else { Mode::Tail(n) }, &meta.path)
            } else {
                Err(meta.error("unknown field option; expected `skip`, `show`, `full` or `partial = N`"))
            }
        })?;
    }
    Ok(mode.unwrap_or(default))
}
