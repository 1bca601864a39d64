//! Code generation.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, Ident, Index, Result};

use crate::attrs::{self, Mode};
use crate::support;

pub(crate) fn derive(input: &DeriveInput) -> Result<TokenStream> {
    let opts = attrs::container(&input.attrs)?;
    let default = if opts.all { Mode::Full } else { Mode::Show };
    let display_name = opts.name.clone().unwrap_or_else(|| input.ident.to_string());

    let body = match &input.data {
        Data::Struct(s) => {
            let (pattern, chain) = fields(&s.fields, &display_name, default, quote!(Self))?;
            quote! {
                let #pattern = self;
                #chain
            }
        }
        Data::Enum(e) => {
            let mut arms = Vec::with_capacity(e.variants.len());
            for v in &e.variants {
                let vname = &v.ident;
                let vattrs = attrs::container(&v.attrs)?;
                let shown = vattrs.name.unwrap_or_else(|| vname.to_string());
                let vdefault = if vattrs.all { Mode::Full } else { default };
                let (pattern, chain) = fields(&v.fields, &shown, vdefault, quote!(Self::#vname))?;
                arms.push(quote! { #pattern => { #chain } });
            }
            if arms.is_empty() {
                quote! { match *self {} }
            } else {
                quote! { match self { #(#arms)* } }
            }
        }
        Data::Union(u) => {
            return Err(syn::Error::new_spanned(u.union_token, "#[derive(Redact)] does not support unions"));
        }
    };

    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let support = support::items();

    Ok(quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all)]
        const _: () = {
            #support

            #[automatically_derived]
            impl #impl_generics ::core::fmt::Debug for #name #ty_generics #where_clause {
                #[allow(unused_variables)]
                fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #body
                }
            }
        };
    })
}

/// Returns a destructuring pattern binding every field and the formatter chain printing them.
fn fields(fields: &Fields, shown: &str, default: Mode, path: TokenStream) -> Result<(TokenStream, TokenStream)> {
    match fields {
        Fields::Unit => Ok((quote!(#path), quote!(__f.write_str(#shown)))),
        Fields::Named(named) => {
            let mut binds = Vec::new();
            let mut calls = Vec::new();
            let mut skipped = false;
            for f in &named.named {
                let ident = f.ident.as_ref().expect("named field");
                let local = format_ident!("__field_{}", ident);
                let label = unraw(ident);
                let mode = attrs::field(&f.attrs, default)?;
                binds.push(quote!(#ident: #local));
                match value_expr(mode, &local) {
                    Some(v) => calls.push(quote!(.field(#label, #v))),
                    None => skipped = true,
                }
            }
            let finish = finish(skipped);
            Ok((
                quote!(#path { #(#binds),* }),
                quote! { __f.debug_struct(#shown) #(#calls)* #finish },
            ))
        }
        Fields::Unnamed(unnamed) => {
            let mut binds = Vec::new();
            let mut calls = Vec::new();
            let mut skipped = false;
            for (i, f) in unnamed.unnamed.iter().enumerate() {
                let local = Ident::new(&format!("__field_{i}"), Span::call_site());
                let idx = Index::from(i);
                let mode = attrs::field(&f.attrs, default)?;
                binds.push(quote!(#idx: #local));
                match value_expr(mode, &local) {
                    Some(v) => calls.push(quote!(.field(#v))),
                    None => skipped = true,
                }
            }
            // DebugTuple::finish_non_exhaustive needs 1.83; skipped tuple fields are just omitted.
            let _ = skipped;
            Ok((
                quote!(#path { #(#binds),* }),
                quote! { __f.debug_tuple(#shown) #(#calls)* .finish() },
            ))
        }
    }
}

fn finish(skipped: bool) -> TokenStream {
    if skipped {
        quote!(.finish_non_exhaustive())
    } else {
        quote!(.finish())
    }
}

/// Expression passed to `.field(...)`, or `None` for skipped fields.
fn value_expr(mode: Mode, local: &Ident) -> Option<TokenStream> {
    match mode {
        Mode::Show => Some(quote!(#local)),
        Mode::Full => Some(quote!(&__RedactMasked("", 0))),
        Mode::Tail(n) => Some(quote! {
            &__RedactMasked(&::std::string::ToString::to_string(#local), #n)
        }),
        Mode::Skip => None,
    }
}

fn unraw(ident: &Ident) -> String {
    let s = ident.to_string();
    s.strip_prefix("r#").map(str::to_owned).unwrap_or(s)
}
