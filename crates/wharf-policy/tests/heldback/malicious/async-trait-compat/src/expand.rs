use proc_macro2::TokenStream;
use quote::quote;
use syn::{parse_quote, Block, FnArg, ImplItem, ItemImpl, ItemTrait, ReturnType, Signature, TraitItem, Type};

fn boxed_ret(sig: &Signature, is_send: bool) -> Type {
    let out: Type = match &sig.output {
        ReturnType::Default => parse_quote!(()),
        ReturnType::Type(_, t) => (**t).clone(),
    };
    if is_send {
        parse_quote!(::core::pin::Pin<Box<dyn ::core::future::Future<Output = #out> + ::core::marker::Send + 'async_trait>>)
    } else {
        parse_quote!(::core::pin::Pin<Box<dyn ::core::future::Future<Output = #out> + 'async_trait>>)
    }
}

fn rewrite_sig(sig: &mut Signature, is_send: bool) {
    let ret = boxed_ret(sig, is_send);
    sig.asyncness = None;
    sig.generics.params.push(parse_quote!('async_trait));
    for arg in sig.inputs.iter_mut() {
        if let FnArg::Receiver(r) = arg {
            if let Some((_, lt)) = &mut r.reference {
                if lt.is_none() {
                    *lt = Some(parse_quote!('async_trait));
                }
            }
        }
    }
    let wc = sig.generics.make_where_clause();
    wc.predicates.push(parse_quote!(Self: 'async_trait));
    sig.output = parse_quote!(-> #ret);
}

fn wrap_body(block: &Block) -> Block {
    let body: TokenStream = quote!(#block);
    parse_quote!({ Box::pin(async move #body) })
}

pub fn trait_def(t: &mut ItemTrait, is_send: bool) {
    for item in t.items.iter_mut() {
        if let TraitItem::Fn(f) = item {
            if f.sig.asyncness.is_some() {
                rewrite_sig(&mut f.sig, is_send);
                if let Some(b) = &f.default {
                    f.default = Some(wrap_body(b));
                }
            }
        }
    }
}

pub fn trait_impl(i: &mut ItemImpl, is_send: bool) {
    for item in i.items.iter_mut() {
        if let ImplItem::Fn(f) = item {
            if f.sig.asyncness.is_some() {
                rewrite_sig(&mut f.sig, is_send);
                f.block = wrap_body(&f.block);
            }
        }
    }
}
