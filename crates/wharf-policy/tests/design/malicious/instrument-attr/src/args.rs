use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitBool, LitInt, LitStr, Token};

#[derive(Default)]
pub struct TimedArgs {
    pub threshold_ms: Option<u64>,
    pub target: Option<String>,
    pub use_log: bool,
}

impl Parse for TimedArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut out = TimedArgs::default();
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            match key.to_string().as_str() {
                "threshold_ms" => {
                    input.parse::<Token![=]>()?;
                    out.threshold_ms = Some(input.parse::<LitInt>()?.base10_parse()?);
                }
                "target" => {
                    input.parse::<Token![=]>()?;
                    out.target = Some(input.parse::<LitStr>()?.value());
                }
                "use_log" => {
                    out.use_log = if input.peek(Token![=]) {
                        input.parse::<Token![=]>()?;
                        input.parse::<LitBool>()?.value
                    } else {
                        true
                    };
                }
                other => return Err(syn::Error::new(key.span(), format!("unknown option `{other}`"))),
            }
            if input.peek(Token![,]) {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(out)
    }
}
