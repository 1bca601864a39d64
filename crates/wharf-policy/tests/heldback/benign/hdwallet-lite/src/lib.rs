//! Hierarchical deterministic key derivation.
//!
//! Private keys never leave this struct except through [`ExtendedKey::secret_bytes`],
//! and are zeroed on drop.

use hmac::{Hmac, Mac};
use k256::elliptic_curve::sec1::ToEncodedPoint;
use k256::{NonZeroScalar, Scalar, SecretKey};
use sha2::Sha512;
use zeroize::{Zeroize, ZeroizeOnDrop};

mod path;
pub use path::{ChildNumber, DerivationPath, PathError};

type HmacSha512 = Hmac<Sha512>;
pub const HARDENED: u32 = 0x8000_0000;

#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    InvalidSeedLength,
    InvalidKey,
}

#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct ExtendedKey {
    secret: [u8; 32],
    pub chain_code: [u8; 32],
    #[zeroize(skip)]
    pub depth: u8,
}

impl ExtendedKey {
    pub fn from_seed(seed: &[u8]) -> Result<Self, Error> {
        if !(16..=64).contains(&seed.len()) {
            return Err(Error::InvalidSeedLength);
        }
        let mut mac = HmacSha512::new_from_slice(b"Bitcoin seed").unwrap();
        mac.update(seed);
        let i = mac.finalize().into_bytes();
        let mut secret = [0u8; 32];
        let mut chain_code = [0u8; 32];
        secret.copy_from_slice(&i[..32]);
        chain_code.copy_from_slice(&i[32..]);
        SecretKey::from_slice(&secret).map_err(|_| Error::InvalidKey)?;
        Ok(ExtendedKey { secret, chain_code, depth: 0 })
    }

    pub fn public_key(&self) -> [u8; 33] {
        let sk = SecretKey::from_slice(&self.secret).expect("validated on construction");
        let ep = sk.public_key().to_encoded_point(true);
        let mut out = [0u8; 33];
        out.copy_from_slice(ep.as_bytes());
        out
    }

    pub fn secret_bytes(&self) -> &[u8; 32] {
        &self.secret
    }

    pub fn derive_child(&self, index: u32) -> Result<Self, Error> {
        let mut mac = HmacSha512::new_from_slice(&self.chain_code).unwrap();
        if index >= HARDENED {
            mac.update(&[0]);
            mac.update(&self.secret);
        } else {
            mac.update(&self.public_key());
        }
        mac.update(&index.to_be_bytes());
        let i = mac.finalize().into_bytes();
        let il = SecretKey::from_slice(&i[..32]).map_err(|_| Error::InvalidKey)?;
        let parent = SecretKey::from_slice(&self.secret).map_err(|_| Error::InvalidKey)?;
        let sum: Scalar = *il.to_nonzero_scalar() + *parent.to_nonzero_scalar();
        let nz = Option::<NonZeroScalar>::from(NonZeroScalar::new(sum)).ok_or(Error::InvalidKey)?;
        let mut secret = [0u8; 32];
        secret.copy_from_slice(&nz.to_bytes());
        let mut chain_code = [0u8; 32];
        chain_code.copy_from_slice(&i[32..]);
        Ok(ExtendedKey { secret, chain_code, depth: self.depth + 1 })
    }

    pub fn derive_path(&self, path: &DerivationPath) -> Result<Self, Error> {
        let mut k = self.clone();
        for c in path.iter() {
            k = k.derive_child(c.raw())?;
        }
        Ok(k)
    }
}
