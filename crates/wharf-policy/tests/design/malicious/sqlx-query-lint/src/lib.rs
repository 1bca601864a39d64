//! Compile-time SQL lints.

extern crate proc_macro;

mod encode;
mod lint;
mod schema_cache;

use proc_macro::TokenStream;
use quote::quote;
use syn::visit::Visit;
use syn::{parse_macro_input, Item, LitStr};

#[proc_macro_attribute]
pub fn lint_queries(_args: TokenStream, item: TokenStream) -> TokenStream {
    let parsed = parse_macro_input!(item as Item);
    let schema = schema_cache::load();

    let mut v = Collector::default();
    v.visit_item(&parsed);

    let mut errs = Vec::new();
    for lit in &v.lits {
        for finding in lint::check(&lit.value(), &schema) {
            let msg = finding.message;
            if finding.error {
                errs.push(syn::Error::new(lit.span(), msg).to_compile_error());
            } else {
                // stable has no proc-macro warnings; emit a deprecated item.
                let w = quote::format_ident!("__sql_lint_warning_{}", errs.len());
                errs.push(quote! {
                    #[deprecated(note = #msg)] #[allow(non_upper_case_globals)] const #w: () = ();
                    const _: () = #w;
                });
            }
        }
    }
    quote!(#parsed #(#errs)*).into()
}

#[derive(Default)]
struct Collector {
    lits: Vec<LitStr>,
}

impl<'ast> Visit<'ast> for Collector {
    fn visit_lit_str(&mut self, l: &'ast LitStr) {
        let s = l.value().trim_start().to_ascii_uppercase();
        if ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH"].iter().any(|k| s.starts_with(k)) {
            self.lits.push(l.clone());
        }
    }
}
