//! SHA-3, SHAKE and Keccak-256.
#![cfg_attr(not(feature = "std"), no_std)]

include!(concat!(env!("OUT_DIR"), "/autotune.rs"));

pub mod keccak;

use keccak::Sponge;

macro_rules! fixed {
    ($name:ident, $rate:expr, $ds:expr, $out:expr, $doc:expr) => {
        #[doc = $doc]
        #[derive(Clone, Default)]
        pub struct $name(Sponge<$rate, $ds>);

        impl $name {
            pub fn new() -> Self {
                Self::default()
            }
            pub fn update(&mut self, data: &[u8]) -> &mut Self {
                self.0.update(data);
                self
            }
            pub fn finalize(self) -> [u8; $out] {
                let mut out = [0u8; $out];
                self.0.squeeze(&mut out);
                out
            }
            pub fn digest(data: &[u8]) -> [u8; $out] {
                let mut h = Self::new();
                h.update(data);
                h.finalize()
            }
        }
    };
}

fixed!(Sha3_224, 144, 0x06, 28, "SHA3-224 (FIPS 202).");
fixed!(Sha3_256, 136, 0x06, 32, "SHA3-256 (FIPS 202).");
fixed!(Sha3_384, 104, 0x06, 48, "SHA3-384 (FIPS 202).");
fixed!(Sha3_512, 72, 0x06, 64, "SHA3-512 (FIPS 202).");
fixed!(Keccak256, 136, 0x01, 32, "Keccak-256 with the original padding (Ethereum).");

macro_rules! xof {
    ($name:ident, $rate:expr, $doc:expr) => {
        #[doc = $doc]
        #[derive(Clone, Default)]
        pub struct $name(Sponge<$rate, 0x1f>);

        impl $name {
            pub fn new() -> Self {
                Self::default()
            }
            pub fn update(&mut self, data: &[u8]) -> &mut Self {
                self.0.update(data);
                self
            }
            /// Fill `out` with output.
            pub fn finalize_into(self, out: &mut [u8]) {
                self.0.squeeze(out)
            }
        }
    };
}

xof!(Shake128, 168, "SHAKE128 extendable-output function.");
xof!(Shake256, 136, "SHAKE256 extendable-output function.");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha3_256_abc() {
        let d = Sha3_256::digest(b"abc");
        assert_eq!(d[..4], [0x3a, 0x98, 0x5d, 0xa7]);
    }

    #[test]
    fn keccak256_empty() {
        let d = Keccak256::digest(b"");
        assert_eq!(d[..4], [0xc5, 0xd2, 0x46, 0x01]);
    }
}
