//! `#[retry]` attribute macro.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{parse_macro_input, Expr, ExprLit, ItemFn, Lit, LitStr, MetaNameValue, ReturnType, Token};

mod hooks;

#[derive(Debug)]
struct RetryArgs {
    attempts: u32,
    backoff_ms: u64,
    max_backoff_ms: u64,
    jitter: bool,
    /// `fn(&E) -> bool`; only errors for which it returns true are retried.
    when: Option<syn::Path>,
    /// `fn(u32, &E)`; called before sleeping.
    on_retry: Option<syn::Path>,
}

impl Default for RetryArgs {
    fn default() -> Self {
        RetryArgs { attempts: 3, backoff_ms: 100, max_backoff_ms: 10_000, jitter: true, when: None, on_retry: None }
    }
}

fn lit_u64(e: &Expr) -> syn::Result<u64> {
    match e {
        Expr::Lit(ExprLit { lit: Lit::Int(i), .. }) => i.base10_parse(),
        _ => Err(syn::Error::new_spanned(e, "expected an integer literal")),
    }
}

fn lit_bool(e: &Expr) -> syn::Result<bool> {
    match e {
        Expr::Lit(ExprLit { lit: Lit::Bool(b), .. }) => Ok(b.value),
        _ => Err(syn::Error::new_spanned(e, "expected `true` or `false`")),
    }
}

fn lit_path(e: &Expr) -> syn::Result<syn::Path> {
    match e {
        Expr::Path(p) => Ok(p.path.clone()),
        Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) => s.parse(),
        _ => Err(syn::Error::new_spanned(e, "expected a path to a function")),
    }
}

impl Parse for RetryArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut a = RetryArgs::default();
        let kvs = Punctuated::<MetaNameValue, Token![,]>::parse_terminated(input)?;
        for kv in kvs {
            let key = kv.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
            match key.as_str() {
                "attempts" => a.attempts = lit_u64(&kv.value)? as u32,
                "backoff_ms" => a.backoff_ms = lit_u64(&kv.value)?,
                "max_backoff_ms" => a.max_backoff_ms = lit_u64(&kv.value)?,
                "jitter" => a.jitter = lit_bool(&kv.value)?,
                "when" | "retry_if" => a.when = Some(lit_path(&kv.value)?),
                "on_retry" => a.on_retry = Some(lit_path(&kv.value)?),
                _ => return Err(syn::Error::new_spanned(&kv.path, "unknown retry option")),
            }
        }
        if a.backoff_ms > a.max_backoff_ms {
            return Err(syn::Error::new(Span::call_site(), "backoff_ms must not exceed max_backoff_ms"));
        }
        if a.attempts == 0 {
            return Err(syn::Error::new(Span::call_site(), "attempts must be at least 1"));
        }
        Ok(a)
    }
}

fn expand(args: RetryArgs, f: ItemFn) -> syn::Result<TokenStream2> {
    if f.sig.asyncness.is_some() {
        return Err(syn::Error::new_spanned(f.sig.fn_token, "#[retry] does not support async fn yet; use tryagain::retry_async"));
    }
    let ret = match &f.sig.output {
        ReturnType::Type(_, t) => t.clone(),
        ReturnType::Default => {
            return Err(syn::Error::new_spanned(&f.sig, "#[retry] needs a function returning Result<_, _>"));
        }
    };
    let attrs = &f.attrs;
    let vis = &f.vis;
    let sig = &f.sig;
    let body = &f.block;
    let attempts = args.attempts;
    let base = args.backoff_ms;
    let cap = args.max_backoff_ms;
    let jitter = args.jitter;
    let name = LitStr::new(&sig.ident.to_string(), Span::call_site());
    let warmup = hooks::warmup();
    let should_retry = match &args.when {
        Some(p) => quote! { #p(&e) },
        None => quote! { true },
    };
    let notify = match &args.on_retry {
        Some(p) => quote! { #p(__tryagain_n, &e); },
        None => quote! {},
    };

    Ok(quote! {
        #(#attrs)*
        #vis #sig {
            #warmup
            let mut __tryagain_body = || -> #ret { #body };
            let mut __tryagain_delay: u64 = #base;
            let mut __tryagain_n: u32 = 0;
            loop {
                __tryagain_n += 1;
                match __tryagain_body() {
                    ::std::result::Result::Ok(v) => return ::std::result::Result::Ok(v),
                    ::std::result::Result::Err(e) if __tryagain_n >= #attempts || !(#should_retry) => {
                        return ::std::result::Result::Err(e);
                    }
                    ::std::result::Result::Err(e) => {
                        #notify
                        drop(e);
                        let mut __d = __tryagain_delay;
                        if #jitter {
                            let __nanos = ::std::time::SystemTime::now()
                                .duration_since(::std::time::UNIX_EPOCH)
                                .map(|d| d.subsec_nanos() as u64)
                                .unwrap_or(0);
                            let __quarter = (__d / 4).max(1);
                            __d = __d - __quarter + (__nanos % (2 * __quarter));
                        }
                        if ::std::env::var_os("TRYAGAIN_TRACE").is_some() {
                            eprintln!("[tryagain] {} failed (attempt {}/{}), sleeping {}ms", #name, __tryagain_n, #attempts, __d);
                        }
                        ::std::thread::sleep(::std::time::Duration::from_millis(__d));
                        __tryagain_delay = (__tryagain_delay.saturating_mul(2)).min(#cap);
                    }
                }
            }
        }
    })
}

/// Retry the annotated function with exponential backoff.
///
/// Options: `attempts` (default 3), `backoff_ms` (100), `max_backoff_ms`
/// (10000), `jitter` (true), `when = path::to::predicate` (retry only the
/// errors it accepts), `on_retry = path::to::callback`.
///
/// ```ignore
/// fn transient(e: &std::io::Error) -> bool {
///     matches!(e.kind(), std::io::ErrorKind::TimedOut | std::io::ErrorKind::Interrupted)
/// }
///
/// #[retry(attempts = 5, when = transient)]
/// fn read_remote(path: &str) -> std::io::Result<Vec<u8>> { std::fs::read(path) }
/// ```
#[proc_macro_attribute]
pub fn retry(attr: TokenStream, item: TokenStream) -> TokenStream {
    let args = parse_macro_input!(attr as RetryArgs);
    let f = parse_macro_input!(item as ItemFn);
    expand(args, f).unwrap_or_else(|e| e.to_compile_error()).into()
}
