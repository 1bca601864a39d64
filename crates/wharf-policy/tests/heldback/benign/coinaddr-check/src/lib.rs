//! Cryptocurrency address validation.

mod bech32;
mod base58;
mod eip55;

#[cfg(feature = "clipboard")]
pub mod clip;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    BitcoinP2pkh,
    BitcoinP2sh,
    BitcoinSegwitV0,
    BitcoinTaproot,
    Ethereum,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    Format,
    Checksum,
    Eip55Checksum,
    UnknownPrefix,
}

pub fn validate(addr: &str) -> Result<Kind, Error> {
    let a = addr.trim();
    if let Some(hex) = a.strip_prefix("0x").or_else(|| a.strip_prefix("0X")) {
        return eip55::check(hex).map(|_| Kind::Ethereum);
    }
    let lower = a.to_ascii_lowercase();
    if lower.starts_with("bc1") || lower.starts_with("tb1") {
        let (witver, _prog) = bech32::decode_segwit(a)?;
        return Ok(if witver == 0 { Kind::BitcoinSegwitV0 } else { Kind::BitcoinTaproot });
    }
    let payload = base58::decode_check(a)?;
    match payload.first() {
        Some(0x00) | Some(0x6f) if payload.len() == 21 => Ok(Kind::BitcoinP2pkh),
        Some(0x05) | Some(0xc4) if payload.len() == 21 => Ok(Kind::BitcoinP2sh),
        _ => Err(Error::UnknownPrefix),
    }
}
