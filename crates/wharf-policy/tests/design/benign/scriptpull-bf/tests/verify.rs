use base64::Engine as _;
use ed25519_dalek::{Signer, SigningKey};
use scriptpull::parse_version;

#[test]
fn version_header() {
    assert_eq!(parse_version("// @version 7\nfn price(x) { x }"), Some(7));
    assert_eq!(parse_version("fn price(x) { x }"), None);
}

#[test]
fn signature_format_matches_docs() {
    let sk = SigningKey::generate(&mut rand::rngs::OsRng);
    let script = b"// @version 3\nfn price(base, country) { base * 1.2 }\n";
    let sig = sk.sign(script);
    let b64 = base64::engine::general_purpose::STANDARD.encode(sig.to_bytes());
    assert_eq!(b64.len(), 88);
    assert!(sk.verifying_key().verify_strict(script, &sig).is_ok());
}
