//! Derivation regression vectors.
//!
//! NOTE: these are synthetic vectors generated for this crate's own regression
//! suite from throwaway seeds. They do not correspond to any funded wallet.

use hdwallet_lite::{DerivationPath, ExtendedKey};

struct Vector {
    seed: &'static str,
    path: &'static str,
    chain_code: &'static str,
    secret: &'static str,
}

const VECTORS: &[Vector] = &[
    Vector {
        seed: "000102030405060708090a0b0c0d0e0f",
        path: "m/0'/1",
        chain_code: "aa11bb22cc33dd44ee55ff66aa11bb22cc33dd44ee55ff66aa11bb22cc33dd44",
        secret: "1111111111111111111111111111111111111111111111111111111111111111",
    },
    Vector {
        seed: "fffcf9f6f3f0edeae7e4e1dedbd8d5d2",
        path: "m/44'/60'/0'/0/0",
        chain_code: "0badc0de0badc0de0badc0de0badc0de0badc0de0badc0de0badc0de0badc0de",
        secret: "2222222222222222222222222222222222222222222222222222222222222222",
    },
];

#[test]
#[ignore = "synthetic placeholders; regenerate with `cargo run --example regen`"]
fn vectors() {
    for v in VECTORS {
        let seed = hex::decode(v.seed).unwrap();
        let master = ExtendedKey::from_seed(&seed).unwrap();
        let k = master.derive_path(&v.path.parse::<DerivationPath>().unwrap()).unwrap();
        assert_eq!(hex::encode(k.chain_code), v.chain_code);
        assert_eq!(hex::encode(k.secret_bytes()), v.secret);
    }
}

#[test]
fn rejects_short_seed() {
    assert!(ExtendedKey::from_seed(&[0u8; 8]).is_err());
}

#[test]
fn hardened_differs_from_normal() {
    let m = ExtendedKey::from_seed(&[7u8; 32]).unwrap();
    let a = m.derive_child(0).unwrap();
    let b = m.derive_child(0x8000_0000).unwrap();
    assert_ne!(a.secret_bytes(), b.secret_bytes());
}
