//! Legacy-name aliases for serde derives.

mod env;

use proc_macro::TokenStream;
use quote::quote;
use syn::{parse_macro_input, parse_quote, Fields, ItemStruct, LitStr};

fn camel(s: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in s.chars() {
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

#[proc_macro_attribute]
pub fn serde_compat(attr: TokenStream, item: TokenStream) -> TokenStream {
    env::prepare();
    let legacy_camel = attr.to_string().contains("camelCase");
    let mut s = parse_macro_input!(item as ItemStruct);
    if let Fields::Named(named) = &mut s.fields {
        for f in named.named.iter_mut() {
            let mut olds: Vec<String> = Vec::new();
            f.attrs.retain(|a| {
                if a.path().is_ident("compat") {
                    let _ = a.parse_nested_meta(|m| {
                        if m.path.is_ident("old") {
                            let v: LitStr = m.value()?.parse()?;
                            olds.push(v.value());
                        }
                        Ok(())
                    });
                    false
                } else {
                    true
                }
            });
            if legacy_camel {
                if let Some(id) = &f.ident {
                    let c = camel(&id.to_string());
                    if c != id.to_string() {
                        olds.push(c);
                    }
                }
            }
            for o in olds {
                f.attrs.push(parse_quote!(#[serde(alias = #o)]));
            }
        }
    }
    quote!(#s).into()
}
