//! Argon2id password hashing with PHC strings.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand_core::OsRng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    Interactive,
    Sensitive,
}

impl Profile {
    fn params(self) -> Params {
        match self {
            Profile::Interactive => Params::new(64 * 1024, 3, 1, None).unwrap(),
            Profile::Sensitive => Params::new(256 * 1024, 4, 1, None).unwrap(),
        }
    }
}

#[derive(Debug)]
pub struct Error(argon2::password_hash::Error);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "password hash error: {}", self.0)
    }
}
impl std::error::Error for Error {}

fn hasher(p: Profile) -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, p.params())
}

pub fn hash(password: &str) -> Result<String, Error> {
    hash_with(password, Profile::Interactive)
}

pub fn hash_with(password: &str, profile: Profile) -> Result<String, Error> {
    let salt = SaltString::generate(&mut OsRng);
    hasher(profile).hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(Error)
}

/// Constant-time verification against a PHC string.
pub fn verify(password: &str, phc: &str) -> Result<bool, Error> {
    let parsed = PasswordHash::new(phc).map_err(Error)?;
    match Argon2::default().verify_password(password.as_bytes(), &parsed) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::Password) => Ok(false),
        Err(e) => Err(Error(e)),
    }
}

/// True when `phc` was produced with weaker parameters than `profile`.
pub fn needs_rehash(phc: &str, profile: Profile) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else { return true };
    let want = profile.params();
    let Ok(have) = Params::try_from(&parsed) else { return true };
    parsed.algorithm.as_str() != "argon2id" || have.m_cost() < want.m_cost() || have.t_cost() < want.t_cost()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn roundtrip() {
        let h = hash("hunter2").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("hunter2", &h).unwrap());
        assert!(!verify("hunter3", &h).unwrap());
        assert!(needs_rehash(&h, Profile::Sensitive));
    }
}
