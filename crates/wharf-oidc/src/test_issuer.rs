//! An OpenID issuer for tests: a server on 127.0.0.1 that publishes a discovery document and a
//! JWKS, and signs tokens (ES256) with a key made when it starts — the part of GitHub's or GitLab's
//! token service a registry sees.
//!
//! It answers on a plain thread, so blocking and async tests can both use it.

use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use p256::ecdsa::SigningKey;
use p256::pkcs8::{EncodePrivateKey, LineEnding};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The id under which the issuer publishes its key.
pub const KEY_ID: &str = "test-key-1";

pub struct TestIssuer {
    /// The issuer's URL: its `iss` value and the base of its discovery document.
    pub url: String,
    key: SigningKey,
    /// How many times the JWKS was fetched.
    fetches: Arc<AtomicUsize>,
}

fn encode_key(key: &SigningKey) -> EncodingKey {
    let pem = key
        .to_pkcs8_pem(LineEnding::LF)
        .expect("a P-256 key encodes");
    EncodingKey::from_ec_pem(pem.as_bytes()).expect("the PEM just written parses")
}

impl TestIssuer {
    pub fn start() -> TestIssuer {
        let key = SigningKey::random(&mut rand_core::OsRng);
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port on 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("bound"));
        let point = key.verifying_key().to_encoded_point(false);
        let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        let jwks = serde_json::json!({ "keys": [{
            "kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256", "kid": KEY_ID,
            "x": b64(point.x().expect("uncompressed")), "y": b64(point.y().expect("uncompressed")),
        }]})
        .to_string();
        let discovery = serde_json::json!({
            "issuer": url,
            "jwks_uri": format!("{url}/.well-known/jwks"),
            "response_types_supported": ["id_token"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["ES256"],
        })
        .to_string();
        let fetches = Arc::new(AtomicUsize::new(0));
        let counter = fetches.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut request = [0u8; 4096];
                let read = stream.read(&mut request).unwrap_or(0);
                let request = String::from_utf8_lossy(&request[..read]);
                let path = request.split_whitespace().nth(1).unwrap_or("");
                let (status, body) = match path {
                    "/.well-known/openid-configuration" => ("200 OK", discovery.as_str()),
                    "/.well-known/jwks" => {
                        counter.fetch_add(1, Ordering::SeqCst);
                        ("200 OK", jwks.as_str())
                    }
                    _ => ("404 Not Found", "{}"),
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        TestIssuer { url, key, fetches }
    }

    /// A token carrying `claims`, signed with the published key.
    pub fn sign(&self, claims: &serde_json::Value) -> String {
        self.sign_as(claims, KEY_ID, &encode_key(&self.key))
    }

    /// A token carrying `claims` under the published key's id, but signed with another key: what
    /// a forger without the issuer's key can make.
    pub fn forge(&self, claims: &serde_json::Value) -> String {
        let other = SigningKey::random(&mut rand_core::OsRng);
        self.sign_as(claims, KEY_ID, &encode_key(&other))
    }

    /// A token signed with the published key but naming a key id the issuer does not publish.
    pub fn sign_with_key_id(&self, claims: &serde_json::Value, kid: &str) -> String {
        self.sign_as(claims, kid, &encode_key(&self.key))
    }

    fn sign_as(&self, claims: &serde_json::Value, kid: &str, key: &EncodingKey) -> String {
        let mut header = Header::new(Algorithm::ES256);
        header.kid = Some(kid.to_string());
        jsonwebtoken::encode(&header, claims, key).expect("claims serialize")
    }

    /// How many times a verifier fetched the key set.
    pub fn key_fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }
}
