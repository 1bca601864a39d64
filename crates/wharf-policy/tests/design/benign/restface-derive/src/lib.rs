//! `#[derive(Endpoint)]` — typed REST endpoint declarations.
//!
//! Code generation only: the generated `send` method performs the request with
//! the client and base URL supplied by the caller.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{format_ident, quote};
use syn::{parse_macro_input, Data, DeriveInput, Fields, LitStr, Type};

struct EndpointAttr {
    method: String,
    path: LitStr,
    response: Type,
}

fn parse_container(input: &DeriveInput) -> syn::Result<EndpointAttr> {
    let mut method = None;
    let mut path = None;
    let mut response = None;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("endpoint")) {
        attr.parse_nested_meta(|m| {
            if m.path.is_ident("method") {
                let s: LitStr = m.value()?.parse()?;
                method = Some(s.value().to_uppercase());
            } else if m.path.is_ident("path") {
                path = Some(m.value()?.parse::<LitStr>()?);
            } else if m.path.is_ident("response") {
                response = Some(m.value()?.parse::<Type>()?);
            } else {
                return Err(m.error("expected `method`, `path` or `response`"));
            }
            Ok(())
        })?;
    }
    let method = method.unwrap_or_else(|| "GET".into());
    if !["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&method.as_str()) {
        return Err(syn::Error::new_spanned(&input.ident, format!("unsupported HTTP method {method}")));
    }
    Ok(EndpointAttr {
        method,
        path: path.ok_or_else(|| syn::Error::new_spanned(&input.ident, "missing #[endpoint(path = \"...\")]"))?,
        response: response.unwrap_or_else(|| syn::parse_quote!(())),
    })
}

enum Role {
    Path,
    Query(String),
    Body,
}

/// `{name}` placeholders in a path template, in order.
fn placeholders(tpl: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = tpl;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        out.push(rest[open + 1..open + close].to_string());
        rest = &rest[open + close + 1..];
    }
    out
}

fn expand(input: DeriveInput) -> syn::Result<TokenStream2> {
    let cfg = parse_container(&input)?;
    let name = &input.ident;
    let Data::Struct(ds) = &input.data else {
        return Err(syn::Error::new_spanned(name, "Endpoint can only be derived for structs"));
    };
    let fields: Vec<_> = match &ds.fields {
        Fields::Named(n) => n.named.iter().collect(),
        Fields::Unit => Vec::new(),
        Fields::Unnamed(_) => return Err(syn::Error::new_spanned(name, "Endpoint needs named fields")),
    };

    let tpl = cfg.path.value();
    let holes = placeholders(&tpl);
    let mut roles = Vec::new();
    for f in &fields {
        let id = f.ident.as_ref().unwrap();
        let mut role = if holes.iter().any(|h| id == h) { Role::Path } else { Role::Query(id.to_string()) };
        for a in f.attrs.iter().filter(|a| a.path().is_ident("endpoint")) {
            a.parse_nested_meta(|m| {
                if m.path.is_ident("body") {
                    role = Role::Body;
                } else if m.path.is_ident("query") {
                    role = Role::Query(m.value()?.parse::<LitStr>()?.value());
                } else {
                    return Err(m.error("expected `body` or `query = \"...\"`"));
                }
                Ok(())
            })?;
        }
        roles.push((id.clone(), role));
    }
    for h in &holes {
        if !roles.iter().any(|(id, r)| id == h && matches!(r, Role::Path)) {
            return Err(syn::Error::new_spanned(&cfg.path, format!("path placeholder {{{h}}} has no matching field")));
        }
    }
    if roles.iter().filter(|(_, r)| matches!(r, Role::Body)).count() > 1 {
        return Err(syn::Error::new_spanned(name, "at most one field can be #[endpoint(body)]"));
    }

    // format!("/users/{}", self.id) style URL building
    let fmt = holes.iter().fold(tpl.clone(), |acc, h| acc.replace(&format!("{{{h}}}"), "{}"));
    let fmt = LitStr::new(&fmt, cfg.path.span());
    let path_args = holes.iter().map(|h| {
        let id = format_ident!("{}", h);
        quote! { self.#id }
    });
    let query = roles.iter().filter_map(|(id, r)| match r {
        Role::Query(key) => Some(quote! { __q.push((#key, self.#id.to_string())); }),
        _ => None,
    });
    let body = roles.iter().find_map(|(id, r)| match r {
        Role::Body => Some(quote! { let __req = __req.json(&self.#id); }),
        _ => None,
    });
    let method = format_ident!("{}", cfg.method);
    let resp = &cfg.response;
    let method_str = &cfg.method;
    let path_lit = &cfg.path;

    Ok(quote! {
        impl #name {
            /// HTTP method of this endpoint.
            pub const METHOD: &'static str = #method_str;
            /// Path template of this endpoint.
            pub const PATH: &'static str = #path_lit;

            /// Relative path with placeholders filled in.
            pub fn path(&self) -> ::std::string::String {
                format!(#fmt #(, #path_args)*)
            }

            /// Perform the request against `base_url` using `client`.
            pub fn send(
                &self,
                client: &::reqwest::blocking::Client,
                base_url: &str,
            ) -> ::reqwest::Result<#resp> {
                let __url = format!("{}{}", base_url.trim_end_matches('/'), self.path());
                #[allow(unused_mut)]
                let mut __q: ::std::vec::Vec<(&str, ::std::string::String)> = ::std::vec::Vec::new();
                #(#query)*
                let __req = client.request(::reqwest::Method::#method, __url).query(&__q);
                #body
                __req.send()?.error_for_status()?.json::<#resp>()
            }
        }
    })
}

#[proc_macro_derive(Endpoint, attributes(endpoint))]
pub fn derive_endpoint(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(input).unwrap_or_else(|e| e.to_compile_error()).into()
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn finds_placeholders() {
        assert_eq!(placeholders("/repos/{owner}/{name}/issues"), vec!["owner", "name"]);
        assert!(placeholders("/health").is_empty());
    }
}
