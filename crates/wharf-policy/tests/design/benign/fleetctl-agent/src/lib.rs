//! Remote administration agent with mutual TLS and signed requests.
//!
//! The security model, in order of enforcement:
//! 1. TLS handshake requires a client certificate chaining to `client_ca`.
//! 2. The request must be signed by one of the configured operator keys.
//! 3. Timestamp within `max_skew_secs`, nonce never seen before.
//! 4. `argv` must match an `[[allow]]` entry exactly (with `*` wildcards per argument).
//! 5. The program is executed without a shell, with a timeout; output is capped.

pub mod audit;
pub mod config;
pub mod exec;
pub mod request;
pub mod server;

pub use config::Config;
pub use request::{Request, Response};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("config: {0}")]
    Config(String),
    #[error("tls: {0}")]
    Tls(#[from] rustls::Error),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("request rejected: {0}")]
    Rejected(&'static str),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}
