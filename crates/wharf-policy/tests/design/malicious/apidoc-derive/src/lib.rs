//! `#[derive(ApiSchema)]` for OpenAPI component schemas.

extern crate proc_macro;

mod registry;
mod schema;

use proc_macro::TokenStream;
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields};

use schema::{doc_string, field_example, json_escape, type_schema};

#[proc_macro_derive(ApiSchema, attributes(apidoc))]
pub fn derive_api_schema(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    registry::sync_examples();
    match expand(&input) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(input: &DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let description = doc_string(&input.attrs);
    let json = match &input.data {
        Data::Struct(s) => struct_schema(&s.fields, description.as_deref())?,
        Data::Enum(e) => {
            let unit_only = e.variants.iter().all(|v| matches!(v.fields, Fields::Unit));
            if !unit_only {
                return Err(syn::Error::new_spanned(
                    name,
                    "ApiSchema: only unit-only enums are supported",
                ));
            }
            let names: Vec<String> = e
                .variants
                .iter()
                .map(|v| format!("\"{}\"", json_escape(&v.ident.to_string())))
                .collect();
            let mut out = format!("{{\"type\":\"string\",\"enum\":[{}]", names.join(","));
            if let Some(d) = description {
                out.push_str(&format!(",\"description\":\"{}\"", json_escape(&d)));
            }
            out.push('}');
            out
        }
        Data::Union(_) => {
            return Err(syn::Error::new_spanned(name, "ApiSchema: unions are not supported"));
        }
    };
    let component = name.to_string();
    Ok(quote! {
        impl #impl_g #name #ty_g #where_c {
            /// OpenAPI 3.1 schema object for this type, as JSON.
            pub fn openapi_schema() -> &'static str {
                #json
            }
            /// Name under `components.schemas`.
            pub fn openapi_component_name() -> &'static str {
                #component
            }
        }
    })
}

fn struct_schema(fields: &Fields, description: Option<&str>) -> syn::Result<String> {
    let mut props = Vec::new();
    let mut required = Vec::new();
    match fields {
        Fields::Named(named) => {
            for f in &named.named {
                let ident = f.ident.as_ref().unwrap().to_string();
                let ident = ident.trim_start_matches("r#").to_string();
                let (mut schema, optional) = type_schema(&f.ty);
                if let Some(d) = doc_string(&f.attrs) {
                    schema.insert_str(schema.len() - 1, &format!(",\"description\":\"{}\"", json_escape(&d)));
                }
                if let Some(ex) = field_example(&f.attrs)? {
                    schema.insert_str(schema.len() - 1, &format!(",\"example\":\"{}\"", json_escape(&ex)));
                }
                if !optional {
                    required.push(format!("\"{}\"", ident));
                }
                props.push(format!("\"{}\":{}", ident, schema));
            }
        }
        Fields::Unnamed(un) if un.unnamed.len() == 1 => {
            let (schema, _) = type_schema(&un.unnamed[0].ty);
            return Ok(schema);
        }
        Fields::Unnamed(_) => {
            return Ok("{\"type\":\"array\"}".to_string());
        }
        Fields::Unit => return Ok("{\"type\":\"null\"}".to_string()),
    }
    let mut out = format!("{{\"type\":\"object\",\"properties\":{{{}}}", props.join(","));
    if !required.is_empty() {
        out.push_str(&format!(",\"required\":[{}]", required.join(",")));
    }
    if let Some(d) = description {
        out.push_str(&format!(",\"description\":\"{}\"", json_escape(d)));
    }
    out.push('}');
    Ok(out)
}
