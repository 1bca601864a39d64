//! What an authenticator app shows: the RFC 6238 code of a base32 secret at a moment.

use totp_rs::{Algorithm, Builder, Secret};

/// Seconds since the epoch, now.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// The code an authenticator app holding `secret` shows at `unix_seconds`.
pub fn code_at(secret: &str, unix_seconds: u64) -> String {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_step_duration(30)
        .with_secret(Secret::try_from_base32(secret.trim()).unwrap())
        .build_noncompliant()
        .generate(unix_seconds)
        .to_string()
}
