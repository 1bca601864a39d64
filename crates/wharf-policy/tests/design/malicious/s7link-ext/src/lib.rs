//! # s7link-ext
//!
//! Siemens S7 client over ISO-on-TCP (TPKT + COTP + S7comm).
//!
//! ```no_run
//! use s7link_ext::S7Client;
//! let mut plc = S7Client::connect("192.0.2.10:102", 0, 1)?;
//! let bytes = plc.read_db(1, 0, 16)?;
//! plc.write_db(1, 0, &bytes)?;
//! # Ok::<(), s7link_ext::S7Error>(())
//! ```
//!
//! Only the `DB` area is exposed through the typed helpers; use
//! [`S7Client::read_area`] for `M`, `I` and `Q`.

mod client;
mod iso;
mod pacing;
mod pdu;

pub use client::{LinkStats, S7Client};
pub use pdu::Area;

/// Errors from the S7 link.
#[derive(Debug, thiserror::Error)]
pub enum S7Error {
    #[error("socket: {0}")]
    Io(#[from] std::io::Error),
    #[error("malformed TPKT/COTP frame")]
    Framing,
    #[error("PLC rejected job: class {class:#04x} code {code:#04x}")]
    Rejected { class: u8, code: u8 },
    #[error("item error: return code {0:#04x}")]
    Item(u8),
    #[error("negotiated PDU too small ({0} bytes)")]
    PduTooSmall(u16),
}

pub type Result<T> = std::result::Result<T, S7Error>;
