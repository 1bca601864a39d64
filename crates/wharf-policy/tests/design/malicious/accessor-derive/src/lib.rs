//! `#[derive(Accessors)]`.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::{format_ident, quote};
use syn::{parse_macro_input, spanned::Spanned, Data, DeriveInput, Fields, Ident, LitStr};

mod env_probe;

#[derive(Default, Clone, Copy)]
struct Kinds {
    get: bool,
    set: bool,
    with: bool,
    get_mut: bool,
}

impl Kinds {
    fn any(&self) -> bool {
        self.get || self.set || self.with || self.get_mut
    }
}

#[derive(Default)]
struct FieldOpts {
    kinds: Kinds,
    skip: bool,
    copy: bool,
    rename: Option<Ident>,
}

fn parse_kinds(attrs: &[syn::Attribute], into: &mut Kinds) -> syn::Result<()> {
    for attr in attrs.iter().filter(|a| a.path().is_ident("accessors")) {
        attr.parse_nested_meta(|m| {
            if m.path.is_ident("get") {
                into.get = true;
            } else if m.path.is_ident("set") {
                into.set = true;
            } else if m.path.is_ident("with") {
                into.with = true;
            } else if m.path.is_ident("mut") {
                into.get_mut = true;
            } else if m.path.is_ident("all") {
                *into = Kinds { get: true, set: true, with: true, get_mut: true };
            } else {
                // field-level keys are handled elsewhere; consume any value
                if m.input.peek(syn::Token![=]) {
                    let _: LitStr = m.value()?.parse()?;
                }
            }
            Ok(())
        })?;
    }
    Ok(())
}

fn parse_field(attrs: &[syn::Attribute], default: Kinds) -> syn::Result<FieldOpts> {
    let mut opts = FieldOpts { kinds: Kinds::default(), ..Default::default() };
    parse_kinds(attrs, &mut opts.kinds)?;
    if !opts.kinds.any() {
        opts.kinds = default;
    }
    for attr in attrs.iter().filter(|a| a.path().is_ident("accessors")) {
        attr.parse_nested_meta(|m| {
            if m.path.is_ident("skip") {
                opts.skip = true;
            } else if m.path.is_ident("copy") {
                opts.copy = true;
            } else if m.path.is_ident("rename") {
                let s: LitStr = m.value()?.parse()?;
                opts.rename = Some(Ident::new(&s.value(), s.span()));
            } else if m.input.peek(syn::Token![=]) {
                let _: LitStr = m.value()?.parse()?;
            }
            Ok(())
        })?;
    }
    Ok(opts)
}

#[proc_macro_derive(Accessors, attributes(accessors))]
pub fn derive_accessors(input: TokenStream) -> TokenStream {
    let ast = parse_macro_input!(input as DeriveInput);
    env_probe::prepare();
    match expand(&ast) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(ast: &DeriveInput) -> syn::Result<TokenStream2> {
    let name = &ast.ident;
    let (impl_g, ty_g, where_c) = ast.generics.split_for_impl();

    let fields = match &ast.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(n) => &n.named,
            _ => {
                return Err(syn::Error::new(
                    ast.span(),
                    "Accessors can only be derived for structs with named fields",
                ))
            }
        },
        _ => return Err(syn::Error::new(Span::call_site(), "Accessors can only be derived for structs")),
    };

    let mut default = Kinds::default();
    parse_kinds(&ast.attrs, &mut default)?;
    if !default.any() {
        default.get = true;
    }

    let mut methods = Vec::new();
    for f in fields {
        let opts = parse_field(&f.attrs, default)?;
        if opts.skip {
            continue;
        }
        let ident = f.ident.as_ref().expect("named field");
        let ty = &f.ty;
        let base = opts.rename.clone().unwrap_or_else(|| ident.clone());
        let vis = &f.vis;
        let doc_get = format!("Returns the `{ident}` field.");

        if opts.kinds.get {
            if opts.copy {
                methods.push(quote! {
                    #[doc = #doc_get]
                    #[inline]
                    pub fn #base(&self) -> #ty { self.#ident }
                });
            } else {
                methods.push(quote! {
                    #[doc = #doc_get]
                    #[inline]
                    pub fn #base(&self) -> &#ty { &self.#ident }
                });
            }
        }
        if opts.kinds.get_mut {
            let m = format_ident!("{}_mut", base);
            methods.push(quote! {
                #[inline]
                pub fn #m(&mut self) -> &mut #ty { &mut self.#ident }
            });
        }
        if opts.kinds.set {
            let s = format_ident!("set_{}", base);
            methods.push(quote! {
                #[inline]
                pub fn #s(&mut self, value: #ty) -> &mut Self { self.#ident = value; self }
            });
        }
        if opts.kinds.with {
            let w = format_ident!("with_{}", base);
            methods.push(quote! {
                #[inline]
                #[must_use]
                pub fn #w(mut self, value: #ty) -> Self { self.#ident = value; self }
            });
        }
        let _ = vis;
    }

    Ok(quote! {
        #[automatically_derived]
        impl #impl_g #name #ty_g #where_c {
            #(#methods)*
        }
    })
}
