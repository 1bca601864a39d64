//! An OpenID issuer for tests: a server on 127.0.0.1 that publishes a discovery document and a
//! JWKS, and signs tokens (ES256) with a key made when it starts — the part of GitHub's or GitLab's
//! token service a registry sees.
//!
//! It answers on a plain thread, so blocking and async tests can both use it.

use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use p256::ecdsa::SigningKey;
use p256::pkcs8::{EncodePrivateKey, LineEnding};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The id under which the issuer publishes its key.
pub const KEY_ID: &str = "test-key-1";

pub struct TestIssuer {
    /// The issuer's URL: its `iss` value and the base of its discovery document.
    pub url: String,
    key: SigningKey,
    /// How many times the JWKS was fetched.
    fetches: Arc<AtomicUsize>,
    /// The claims of the person its sign-in page signs in (the web sign-in flow).
    person: Arc<Mutex<serde_json::Value>>,
    /// Whether its sign-in page sends the browser back with a changed `state`, as an attacker
    /// between the two would.
    tamper: Arc<std::sync::atomic::AtomicBool>,
}

/// A code handed out by the sign-in page, waiting to be exchanged.
struct PendingCode {
    client_id: String,
    redirect_uri: String,
    nonce: String,
    challenge: String,
    person: serde_json::Value,
}

/// One HTTP request: the head, and as much body as its `Content-Length` says.
fn read_request(stream: &mut std::net::TcpStream) -> String {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 4096];
    while let Ok(read) = stream.read(&mut buffer) {
        if read == 0 {
            break;
        }
        bytes.extend_from_slice(&buffer[..read]);
        let text = String::from_utf8_lossy(&bytes);
        if let Some(head_end) = text.find("\r\n\r\n") {
            let length = text[..head_end]
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())
                        .flatten()
                })
                .unwrap_or(0);
            if bytes.len() >= head_end + 4 + length {
                break;
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn query_pairs(query: &str) -> HashMap<String, String> {
    url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
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
            "authorization_endpoint": format!("{url}/authorize"),
            "token_endpoint": format!("{url}/token"),
            "response_types_supported": ["id_token"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["ES256"],
        })
        .to_string();
        let fetches = Arc::new(AtomicUsize::new(0));
        let counter = fetches.clone();
        let person = Arc::new(Mutex::new(serde_json::json!({})));
        let signed_in = person.clone();
        let tamper = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let tampering = tamper.clone();
        let signer = key.clone();
        let issuer = url.clone();
        std::thread::spawn(move || {
            let mut codes: HashMap<String, PendingCode> = HashMap::new();
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let request = read_request(&mut stream);
                let target = request.split_whitespace().nth(1).unwrap_or("");
                let (path, query) = target.split_once('?').unwrap_or((target, ""));
                let form = request.split("\r\n\r\n").nth(1).unwrap_or("");
                let mut location = None;
                let (status, body) = match path {
                    "/.well-known/openid-configuration" => ("200 OK", discovery.clone()),
                    "/.well-known/jwks" => {
                        counter.fetch_add(1, Ordering::SeqCst);
                        ("200 OK", jwks.clone())
                    }
                    // The sign-in page: the person is signed in already and consents at once.
                    "/authorize" => {
                        let q = query_pairs(query);
                        let code = format!("code-{}", codes.len() + 1);
                        let redirect_uri = q.get("redirect_uri").cloned().unwrap_or_default();
                        codes.insert(
                            code.clone(),
                            PendingCode {
                                client_id: q.get("client_id").cloned().unwrap_or_default(),
                                redirect_uri: redirect_uri.clone(),
                                nonce: q.get("nonce").cloned().unwrap_or_default(),
                                challenge: q.get("code_challenge").cloned().unwrap_or_default(),
                                person: signed_in.lock().unwrap().clone(),
                            },
                        );
                        let mut state = q.get("state").cloned().unwrap_or_default();
                        if tampering.load(Ordering::SeqCst) {
                            state.push('x');
                        }
                        let state: String =
                            url::form_urlencoded::byte_serialize(state.as_bytes()).collect();
                        location = Some(format!("{redirect_uri}?code={code}&state={state}"));
                        ("302 Found", String::new())
                    }
                    "/token" => {
                        let f = query_pairs(form);
                        let verifier = f.get("code_verifier").cloned().unwrap_or_default();
                        match f.get("code").and_then(|code| codes.remove(code)) {
                            Some(pending)
                                if Some(&pending.client_id) == f.get("client_id")
                                    && Some(&pending.redirect_uri) == f.get("redirect_uri")
                                    && crate::pkce_challenge(&verifier) == pending.challenge =>
                            {
                                let now = std::time::SystemTime::now()
                                    .duration_since(std::time::UNIX_EPOCH)
                                    .unwrap()
                                    .as_secs();
                                let mut claims = serde_json::json!({
                                    "iss": issuer, "aud": pending.client_id, "iat": now,
                                    "exp": now + 300, "nonce": pending.nonce,
                                });
                                for (k, v) in pending.person.as_object().into_iter().flatten() {
                                    claims[k] = v.clone();
                                }
                                let mut header = Header::new(Algorithm::ES256);
                                header.kid = Some(KEY_ID.to_string());
                                let id_token =
                                    jsonwebtoken::encode(&header, &claims, &encode_key(&signer))
                                        .expect("claims serialize");
                                (
                                    "200 OK",
                                    serde_json::json!({ "id_token": id_token, "token_type": "Bearer" })
                                        .to_string(),
                                )
                            }
                            _ => (
                                "400 Bad Request",
                                r#"{"error":"invalid_grant"}"#.to_string(),
                            ),
                        }
                    }
                    _ => ("404 Not Found", "{}".to_string()),
                };
                let location = location
                    .map(|l| format!("Location: {l}\r\n"))
                    .unwrap_or_default();
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\n{location}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        TestIssuer {
            url,
            key,
            fetches,
            person,
            tamper,
        }
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

    /// Sets who the sign-in page signs in: the claims (`sub`, `email`, `preferred_username`…)
    /// put in the ID tokens it issues from now on.
    pub fn sign_in_as(&self, claims: serde_json::Value) {
        *self.person.lock().unwrap() = claims;
    }

    /// Makes the sign-in page change the `state` it sends back (or stop doing so).
    pub fn tamper_with_state(&self, tamper: bool) {
        self.tamper.store(tamper, Ordering::SeqCst);
    }

    /// How many times a verifier fetched the key set.
    pub fn key_fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }
}
