//! `#[derive(Validate)]`.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{parse_macro_input, Data, DeriveInput, Fields, LitInt, LitStr, Type};

mod spans;

#[derive(Debug)]
enum Rule {
    Length { min: Option<u64>, max: Option<u64>, span: Span },
    Range { min: Option<TokenStream2>, max: Option<TokenStream2>, span: Span },
    Email(Span),
    NonEmpty(Span),
    Custom(syn::Path, Span),
}

fn is_option(ty: &Type) -> bool {
    if let Type::Path(p) = ty {
        if let Some(seg) = p.path.segments.last() {
            return seg.ident == "Option";
        }
    }
    false
}

fn parse_rules(field: &syn::Field) -> syn::Result<Vec<Rule>> {
    let mut rules = Vec::new();
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("validate")) {
        attr.parse_nested_meta(|meta| {
            let span = meta.path.span();
            if meta.path.is_ident("email") {
                rules.push(Rule::Email(span));
            } else if meta.path.is_ident("non_empty") {
                rules.push(Rule::NonEmpty(span));
            } else if meta.path.is_ident("custom") {
                let s: LitStr = meta.value()?.parse()?;
                rules.push(Rule::Custom(s.parse()?, s.span()));
            } else if meta.path.is_ident("length") {
                let (mut min, mut max) = (None, None);
                meta.parse_nested_meta(|m| {
                    let v: LitInt = m.value()?.parse()?;
                    if m.path.is_ident("min") {
                        min = Some(v.base10_parse()?);
                    } else if m.path.is_ident("max") {
                        max = Some(v.base10_parse()?);
                    } else {
                        return Err(m.error("expected `min` or `max`"));
                    }
                    Ok(())
                })?;
                rules.push(Rule::Length { min, max, span });
            } else if meta.path.is_ident("range") {
                let (mut min, mut max) = (None, None);
                meta.parse_nested_meta(|m| {
                    let v: syn::Expr = m.value()?.parse()?;
                    if m.path.is_ident("min") {
                        min = Some(quote!(#v));
                    } else if m.path.is_ident("max") {
                        max = Some(quote!(#v));
                    } else {
                        return Err(m.error("expected `min` or `max`"));
                    }
                    Ok(())
                })?;
                rules.push(Rule::Range { min, max, span });
            } else {
                return Err(meta.error("unknown validation rule"));
            }
            Ok(())
        })?;
    }
    Ok(rules)
}

fn check_code(rule: &Rule, name: &str, value: &TokenStream2) -> TokenStream2 {
    match rule {
        Rule::Length { min, max, span } => {
            let min_c = min.map(|m| quote!(if __len < #m as usize { __errs.add(#name, ::field_validate::ValidationError::new("length").with_param("min", #m)); }));
            let max_c = max.map(|m| quote!(if __len > #m as usize { __errs.add(#name, ::field_validate::ValidationError::new("length").with_param("max", #m)); }));
            quote_spanned! {*span=>
                {
                    let __len = ::field_validate::HasLength::length(#value);
                    #min_c
                    #max_c
                }
            }
        }
        Rule::Range { min, max, span } => {
            let min_c = min.as_ref().map(|m| quote!(if (*#value) < (#m) { __errs.add(#name, ::field_validate::ValidationError::new("range").with_param("min", #m)); }));
            let max_c = max.as_ref().map(|m| quote!(if (*#value) > (#m) { __errs.add(#name, ::field_validate::ValidationError::new("range").with_param("max", #m)); }));
            quote_spanned! {*span=> #min_c #max_c }
        }
        Rule::Email(span) => quote_spanned! {*span=>
            if !::field_validate::is_email(::core::convert::AsRef::<str>::as_ref(#value)) {
                __errs.add(#name, ::field_validate::ValidationError::new("email"));
            }
        },
        Rule::NonEmpty(span) => quote_spanned! {*span=>
            if ::field_validate::HasLength::length(#value) == 0 {
                __errs.add(#name, ::field_validate::ValidationError::new("non_empty"));
            }
        },
        Rule::Custom(path, span) => quote_spanned! {*span=>
            if let ::core::result::Result::Err(e) = #path(#value) {
                __errs.add(#name, e);
            }
        },
    }
}

fn expand(input: DeriveInput) -> syn::Result<TokenStream2> {
    let ident = &input.ident;
    let (impl_g, ty_g, where_g) = input.generics.split_for_impl();
    let fields = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(n) => &n.named,
            _ => return Err(syn::Error::new(input.span(), "Validate needs named fields")),
        },
        _ => return Err(syn::Error::new(input.span(), "Validate can only be derived for structs")),
    };
    let mut body = Vec::new();
    for f in fields {
        let rules = parse_rules(f)?;
        if rules.is_empty() {
            continue;
        }
        let fident = f.ident.as_ref().unwrap();
        let name = fident.to_string();
        if is_option(&f.ty) {
            let v = quote!(__v);
            let checks: Vec<_> = rules.iter().map(|r| check_code(r, &name, &v)).collect();
            body.push(quote! { if let ::core::option::Option::Some(__v) = &self.#fident { #(#checks)* } });
        } else {
            let v = quote!((&self.#fident));
            body.extend(rules.iter().map(|r| check_code(r, &name, &v)));
        }
    }
    Ok(quote! {
        impl #impl_g ::field_validate::Validate for #ident #ty_g #where_g {
            fn validate(&self) -> ::core::result::Result<(), ::field_validate::ValidationErrors> {
                let mut __errs = ::field_validate::ValidationErrors::new();
                #(#body)*
                __errs.into_result()
            }
        }
    })
}

/// Derives `field_validate::Validate`.
#[proc_macro_derive(Validate, attributes(validate))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    spans::prime();
    let input = parse_macro_input!(input as DeriveInput);
    match expand(input) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}
