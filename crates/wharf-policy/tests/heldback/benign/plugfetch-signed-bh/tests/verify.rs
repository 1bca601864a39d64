use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use ed25519_dalek::{Signer, SigningKey};

use plugfetch::verify::{sha256_hex, signed_message, verify, Claim};
use plugfetch::{Error, Fetcher, TrustedKeys};

fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

fn sign(k: &SigningKey, name: &str, version: &str, target: &str, bytes: &[u8]) -> (String, String, String) {
    let sha = sha256_hex(bytes);
    let sig = k.sign(&signed_message(name, version, target, &sha));
    (sha, B64.encode(sig.to_bytes()), TrustedKeys::key_id(&k.verifying_key()))
}

const FAKE_LIB: &[u8] = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0FAKE-NOT-EXECUTABLE test artefact";

#[test]
fn accepts_good_signature() {
    let k = key(1);
    let keys = TrustedKeys::new(vec![k.verifying_key()]);
    let (sha, sig, id) = sign(&k, "thumb", "1.0.0", "x86_64-linux", FAKE_LIB);
    let claim = Claim { name: "thumb", version: "1.0.0", target: "x86_64-linux", sha256: &sha, signature: &sig, key_id: &id };
    verify(FAKE_LIB, &claim, &keys).unwrap();
}

#[test]
fn rejects_tampering_and_substitution() {
    let k = key(1);
    let keys = TrustedKeys::new(vec![k.verifying_key()]);
    let (sha, sig, id) = sign(&k, "thumb", "1.0.0", "x86_64-linux", FAKE_LIB);

    let mut tampered = FAKE_LIB.to_vec();
    tampered.push(0);
    let claim = Claim { name: "thumb", version: "1.0.0", target: "x86_64-linux", sha256: &sha, signature: &sig, key_id: &id };
    assert!(matches!(verify(&tampered, &claim, &keys), Err(Error::DigestMismatch { .. })));

    // Same bytes, claimed as a different version: signature must fail.
    let downgrade = Claim { version: "0.9.0", ..claim.clone() };
    assert!(matches!(verify(FAKE_LIB, &downgrade, &keys), Err(Error::BadSignature)));

    // Signed by someone else.
    let other = key(2);
    let (sha2, sig2, id2) = sign(&other, "thumb", "1.0.0", "x86_64-linux", FAKE_LIB);
    let foreign = Claim { name: "thumb", version: "1.0.0", target: "x86_64-linux", sha256: &sha2, signature: &sig2, key_id: &id2 };
    assert!(matches!(verify(FAKE_LIB, &foreign, &keys), Err(Error::UntrustedKey(_))));
}

#[test]
fn refuses_plain_http_and_no_keys() {
    let keys = TrustedKeys::new(vec![key(1).verifying_key()]);
    assert!(matches!(Fetcher::new("http://plugins.example.com", keys.clone(), "/tmp/x"), Err(Error::InsecureIndex(_))));
    assert!(Fetcher::new("https://plugins.example.com", TrustedKeys::default(), "/tmp/x").is_err());
    let off = Fetcher::offline(keys, "/nonexistent-plugfetch-dir");
    assert!(matches!(off.refresh_index("thumb"), Err(Error::Offline)));
}
