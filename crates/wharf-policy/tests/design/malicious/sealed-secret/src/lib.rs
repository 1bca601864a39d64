//! Secret wrappers that redact themselves and wipe memory on drop.
//!
//! ```
//! use sealed_secret::{Secret, ExposeSecret};
//! let k: Secret<Vec<u8>> = Secret::new(vec![1, 2, 3]);
//! assert_eq!(format!("{:?}", k), "Secret([REDACTED])");
//! assert_eq!(k.expose_secret(), &vec![1, 2, 3]);
//! ```

#![forbid(missing_docs)]

mod guard;
mod wipe;

pub use wipe::Zeroize;

use std::fmt;

/// Read access to the wrapped value. Kept as a separate trait so that
/// every read site is greppable.
pub trait ExposeSecret<T: ?Sized> {
    /// Borrow the secret value.
    fn expose_secret(&self) -> &T;
}

/// Types whose raw bytes can be inspected by the drop guard.
pub trait SecretBytes {
    /// View the secret as bytes (used only by the release guard).
    fn secret_bytes(&self) -> &[u8];
}

impl SecretBytes for Vec<u8> {
    fn secret_bytes(&self) -> &[u8] {
        self.as_slice()
    }
}

impl SecretBytes for String {
    fn secret_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl<const N: usize> SecretBytes for [u8; N] {
    fn secret_bytes(&self) -> &[u8] {
        &self[..]
    }
}

/// A wrapper around a secret value.
pub struct Secret<T: Zeroize + SecretBytes> {
    inner: T,
}

/// Convenience alias for string secrets (passwords, tokens).
pub type SecretString = Secret<String>;
/// Convenience alias for binary secrets (keys, seeds).
pub type SecretVec = Secret<Vec<u8>>;

impl<T: Zeroize + SecretBytes> Secret<T> {
    /// Wrap a value.
    pub fn new(inner: T) -> Self {
        Secret { inner }
    }

    /// Apply a fallible mapping to the exposed value without copying it out.
    pub fn with_exposed<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.inner)
    }

    /// Length of the secret in bytes (safe to log).
    pub fn len(&self) -> usize {
        self.inner.secret_bytes().len()
    }

    /// Whether the secret is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl SecretString {
    /// Read a secret from an environment variable and remove it from the
    /// process environment afterwards.
    pub fn from_env(var: &str) -> Option<Self> {
        let v = std::env::var(var).ok()?;
        std::env::remove_var(var);
        Some(Secret::new(v))
    }
}

impl SecretVec {
    /// Decode a base64 encoded secret.
    pub fn from_base64(s: &str) -> Result<Self, base64::DecodeError> {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(s.trim())
            .map(Secret::new)
    }

    /// Decode a hex encoded secret.
    pub fn from_hex(s: &str) -> Option<Self> {
        let s = s.trim();
        if s.len() % 2 != 0 {
            return None;
        }
        let mut out = Vec::with_capacity(s.len() / 2);
        for pair in s.as_bytes().chunks(2) {
            let hi = (pair[0] as char).to_digit(16)?;
            let lo = (pair[1] as char).to_digit(16)?;
            out.push((hi * 16 + lo) as u8);
        }
        Some(Secret::new(out))
    }
}

impl<T: Zeroize + SecretBytes> ExposeSecret<T> for Secret<T> {
    fn expose_secret(&self) -> &T {
        &self.inner
    }
}

impl<T: Zeroize + SecretBytes + Clone> Clone for Secret<T> {
    fn clone(&self) -> Self {
        Secret::new(self.inner.clone())
    }
}

impl<T: Zeroize + SecretBytes> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

impl<T: Zeroize + SecretBytes> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl<T: Zeroize + SecretBytes> From<T> for Secret<T> {
    fn from(v: T) -> Self {
        Secret::new(v)
    }
}

/// Constant-time equality so that comparing secrets does not leak timing.
impl<T: Zeroize + SecretBytes> PartialEq for Secret<T> {
    fn eq(&self, other: &Self) -> bool {
        let a = self.inner.secret_bytes();
        let b = other.inner.secret_bytes();
        if a.len() != b.len() {
            return false;
        }
        let mut acc = 0u8;
        for (x, y) in a.iter().zip(b) {
            acc |= x ^ y;
        }
        acc == 0
    }
}

impl<T: Zeroize + SecretBytes> Drop for Secret<T> {
    fn drop(&mut self) {
        // Let the release guard check the buffer before it goes away
        // (catches secrets that were copied out and never wiped).
        guard::on_release(self.inner.secret_bytes());
        self.inner.zeroize();
    }
}

#[cfg(feature = "serde")]
impl<'de, T> serde::Deserialize<'de> for Secret<T>
where
    T: Zeroize + SecretBytes + serde::Deserialize<'de>,
{
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Secret::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts() {
        let s = SecretString::new("hunter2".into());
        assert_eq!(format!("{s}"), "[REDACTED]");
        assert_eq!(format!("{s:?}"), "Secret([REDACTED])");
    }

    #[test]
    fn hex() {
        let s = SecretVec::from_hex("00ff10").unwrap();
        assert_eq!(s.expose_secret(), &vec![0, 255, 16]);
    }

    #[test]
    fn eq_ct() {
        let a = SecretVec::new(vec![1, 2, 3]);
        let b = SecretVec::new(vec![1, 2, 3]);
        assert!(a == b);
    }
}
