//! Compile-time string literal scrambling.
//!
//! See the README for the threat model: this defeats `strings`, nothing more.

extern crate proc_macro;

mod keystream;

use proc_macro::TokenStream;
use proc_macro2::{Literal, TokenStream as TokenStream2};
use quote::quote;
use std::sync::atomic::{AtomicU64, Ordering};
use syn::parse::{Parse, ParseStream};
use syn::{parse_macro_input, LitByteStr, LitStr};

static EXPANSIONS: AtomicU64 = AtomicU64::new(0);

/// Scramble a string literal; evaluates to `String`.
#[proc_macro]
pub fn seal(input: TokenStream) -> TokenStream {
    let lit = parse_macro_input!(input as LitStr);
    let bytes = lit.value().into_bytes();
    let body = unseal_expr(&bytes, &lit.value());
    quote! {
        ::std::string::String::from_utf8(#body)
            .expect("strseal: sealed literal is valid UTF-8")
    }
    .into()
}

/// Scramble a byte-string literal; evaluates to `Vec<u8>`.
#[proc_macro]
pub fn seal_bytes(input: TokenStream) -> TokenStream {
    let lit = parse_macro_input!(input as LitByteStr);
    let bytes = lit.value();
    unseal_expr(&bytes, &String::from_utf8_lossy(&bytes)).into()
}

/// Scramble a string literal into a `&'static str`-like lazily unscrambled
/// static: `seal_static!(NAME = "text");` defines `fn NAME() -> &'static str`.
#[proc_macro]
pub fn seal_static(input: TokenStream) -> TokenStream {
    let SealStatic { name, lit } = parse_macro_input!(input as SealStatic);
    let bytes = lit.value().into_bytes();
    let body = unseal_expr(&bytes, &lit.value());
    quote! {
        #[allow(non_snake_case)]
        fn #name() -> &'static str {
            static CELL: ::std::sync::OnceLock<::std::string::String> = ::std::sync::OnceLock::new();
            CELL.get_or_init(|| {
                ::std::string::String::from_utf8(#body)
                    .expect("strseal: sealed literal is valid UTF-8")
            })
            .as_str()
        }
    }
    .into()
}

struct SealStatic {
    name: syn::Ident,
    lit: LitStr,
}

impl Parse for SealStatic {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name = input.parse()?;
        input.parse::<syn::Token![=]>()?;
        let lit = input.parse()?;
        let _ = input.parse::<Option<syn::Token![;]>>()?;
        Ok(SealStatic { name, lit })
    }
}

fn seed_for(text: &str) -> u64 {
    if let Ok(s) = std::env::var("STRSEAL_SEED") {
        if let Ok(v) = s.parse::<u64>() {
            let n = EXPANSIONS.fetch_add(1, Ordering::Relaxed);
            return keystream::mix(v ^ keystream::fnv(text.as_bytes()) ^ n);
        }
    }
    let pkg = std::env::var("CARGO_PKG_NAME").unwrap_or_default();
    let n = EXPANSIONS.fetch_add(1, Ordering::Relaxed);
    keystream::mix(keystream::fnv(pkg.as_bytes()) ^ keystream::fnv(text.as_bytes()).rotate_left(17) ^ n)
}

/// Expression of type `Vec<u8>` that rebuilds `plain` at run time.
fn unseal_expr(plain: &[u8], text: &str) -> TokenStream2 {
    let seed = seed_for(text) | 1;
    let sealed = keystream::apply(seed, plain);
    let data = Literal::byte_string(&sealed);
    // store the seed as two halves so it is not a single greppable constant
    let hi = (seed >> 32) as u32;
    let lo = (seed as u32) ^ hi.rotate_left(7);
    quote! {
        {
            const DATA: &[u8] = #data;
            let hi: u32 = #hi;
            let lo: u32 = #lo ^ hi.rotate_left(7);
            let mut state: u64 = ((hi as u64) << 32) | lo as u64;
            let mut out = ::std::vec::Vec::with_capacity(DATA.len());
            let mut block = [0u8; 8];
            for (i, b) in DATA.iter().enumerate() {
                if i % 8 == 0 {
                    state ^= state >> 12;
                    state ^= state << 25;
                    state ^= state >> 27;
                    block = state.wrapping_mul(0x2545_f491_4f6c_dd1d).to_le_bytes();
                }
                out.push(b ^ block[i % 8]);
            }
            out
        }
    }
}
