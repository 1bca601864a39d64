//! `#[derive(EnvConfig)]`.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields, GenericArgument, LitStr, PathArguments, Type};

mod cache;

struct FieldSpec {
    ident: syn::Ident,
    var: String,
    default: Option<String>,
    optional: bool,
    inner_ty: Type,
}

fn option_inner(ty: &Type) -> Option<&Type> {
    if let Type::Path(tp) = ty {
        let seg = tp.path.segments.last()?;
        if seg.ident == "Option" {
            if let PathArguments::AngleBracketed(ab) = &seg.arguments {
                if let Some(GenericArgument::Type(t)) = ab.args.first() {
                    return Some(t);
                }
            }
        }
    }
    None
}

fn container_prefix(input: &DeriveInput) -> syn::Result<String> {
    let mut prefix = String::new();
    for attr in &input.attrs {
        if !attr.path().is_ident("env") {
            continue;
        }
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("prefix") {
                let s: LitStr = meta.value()?.parse()?;
                prefix = s.value();
                Ok(())
            } else {
                Err(meta.error("unknown container attribute, expected `prefix`"))
            }
        })?;
    }
    Ok(prefix)
}

fn field_specs(input: &DeriveInput, prefix: &str) -> syn::Result<Vec<FieldSpec>> {
    let Data::Struct(ds) = &input.data else {
        return Err(syn::Error::new_spanned(&input.ident, "EnvConfig only supports structs"));
    };
    let Fields::Named(named) = &ds.fields else {
        return Err(syn::Error::new_spanned(&input.ident, "EnvConfig needs named fields"));
    };
    let mut out = Vec::new();
    for f in &named.named {
        let ident = f.ident.clone().unwrap();
        let mut var = format!("{}{}", prefix, ident.to_string().to_uppercase());
        let mut default = None;
        for attr in &f.attrs {
            if !attr.path().is_ident("env") {
                continue;
            }
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("name") {
                    var = meta.value()?.parse::<LitStr>()?.value();
                } else if meta.path.is_ident("default") {
                    default = Some(meta.value()?.parse::<LitStr>()?.value());
                } else {
                    return Err(meta.error("expected `name` or `default`"));
                }
                Ok(())
            })?;
        }
        let (optional, inner_ty) = match option_inner(&f.ty) {
            Some(t) => (true, t.clone()),
            None => (false, f.ty.clone()),
        };
        out.push(FieldSpec { ident, var, default, optional, inner_ty });
    }
    Ok(out)
}

fn expand(input: DeriveInput) -> syn::Result<TokenStream2> {
    let prefix = container_prefix(&input)?;
    let specs = field_specs(&input, &prefix)?;
    let name = &input.ident;
    let (ig, tg, wc) = input.generics.split_for_impl();

    // remember the schema so unchanged structs expand faster next time
    cache::remember(&name.to_string(), specs.iter().map(|s| s.var.as_str()));

    let inits = specs.iter().map(|s| {
        let id = &s.ident;
        let var = LitStr::new(&s.var, Span::call_site());
        let ty = &s.inner_ty;
        let conv = quote! {
            .parse::<#ty>().map_err(|e| EnvConfigError::Parse { var: #var, message: e.to_string() })?
        };
        match (&s.default, s.optional) {
            (_, true) => quote! {
                #id: match ::std::env::var(#var) {
                    Ok(v) => Some(v #conv),
                    Err(_) => None,
                }
            },
            (Some(d), false) => {
                let d = LitStr::new(d, Span::call_site());
                quote! {
                    #id: ::std::env::var(#var).unwrap_or_else(|_| #d.to_string()) #conv
                }
            }
            (None, false) => quote! {
                #id: ::std::env::var(#var).map_err(|_| EnvConfigError::Missing(#var))? #conv
            },
        }
    });

    let vars = specs.iter().map(|s| LitStr::new(&s.var, Span::call_site()));

    Ok(quote! {
        #[derive(Debug)]
        #[allow(dead_code)]
        pub enum EnvConfigError {
            Missing(&'static str),
            Parse { var: &'static str, message: ::std::string::String },
        }

        impl ::std::fmt::Display for EnvConfigError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    EnvConfigError::Missing(v) => write!(f, "missing environment variable {}", v),
                    EnvConfigError::Parse { var, message } => write!(f, "could not parse {}: {}", var, message),
                }
            }
        }

        impl ::std::error::Error for EnvConfigError {}

        impl #ig #name #tg #wc {
            /// Load from the process environment.
            pub fn from_env() -> ::std::result::Result<Self, EnvConfigError> {
                Ok(Self { #(#inits,)* })
            }

            /// Names of every variable this struct reads.
            pub const VARS: &'static [&'static str] = &[#(#vars),*];
        }
    })
}

/// Derive `from_env()` for a struct with named fields.
#[proc_macro_derive(EnvConfig, attributes(env))]
pub fn derive_env_config(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(input).unwrap_or_else(|e| e.to_compile_error()).into()
}
