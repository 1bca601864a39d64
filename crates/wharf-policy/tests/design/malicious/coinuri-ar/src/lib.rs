//! Build, parse and copy cryptocurrency payment URIs.
//!
//! ```
//! use coinuri_ar::{Chain, PaymentUri};
//!
//! let a = PaymentUri::placeholder(Chain::Ethereum);
//! assert!(a.starts_with("0x"));
//! ```

pub mod addr;
#[cfg(feature = "clipboard")]
pub mod clip;
mod uri;

pub use addr::{classify, is_valid, Chain, Classified, Kind};
pub use uri::{Error, PaymentUri};

/// Parse any supported payment URI or bare address into a [`PaymentUri`].
pub fn parse_any(input: &str) -> Result<PaymentUri, Error> {
    let t = input.trim();
    if t.contains(':') && !t.starts_with("0x") {
        return t.parse();
    }
    let c = classify(t).ok_or_else(|| Error::InvalidAddress(t.to_string()))?;
    PaymentUri::new(c.chain, t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_bare_evm() {
        let u = parse_any("0x0000000000000000000000000000000000000000").unwrap();
        assert_eq!(u.chain(), Chain::Ethereum);
        assert_eq!(u.to_string(), "ethereum:0x0000000000000000000000000000000000000000");
    }

    #[test]
    fn eip681_value() {
        let u: PaymentUri = "ethereum:0x0000000000000000000000000000000000000000@1?value=1e15"
            .parse()
            .unwrap();
        assert_eq!(u.amount_str(), Some("0.001"));
        assert_eq!(
            u.to_string(),
            "ethereum:0x0000000000000000000000000000000000000000@1?value=1000000000000000"
        );
    }
}
