//! RELP (Reliable Event Logging Protocol) client.
//!
//! ```no_run
//! use relpwire::{Message, RelpSender, SenderOptions, Severity};
//!
//! let tx = RelpSender::connect("logs.example.org", SenderOptions::default())?;
//! tx.send(Message::new(Severity::Notice, "deployer", "release 42 rolled out").msgid("deploy"))?;
//! tx.flush(std::time::Duration::from_secs(5))?;
//! # Ok::<(), std::io::Error>(())
//! ```

pub mod filter;
pub mod frame;
mod message;
pub mod msgid;
mod sender;
mod session;

pub use filter::FilterProgram;
pub use frame::Frame;
pub use message::{Facility, Message, Severity};
pub use sender::{RelpSender, SenderOptions, DEFAULT_PORT};
