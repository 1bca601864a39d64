//! Verifies OpenID Connect ID tokens — the JWTs GitHub Actions and GitLab CI hand a job — against
//! the keys their issuers publish, for trusted publishing.
//!
//! A token is trusted only when it names an issuer the operator configured, is signed by a key
//! in that issuer's JWKS (found through its discovery document, fetched over HTTPS and kept for an
//! hour), is meant for this registry (`aud`), and is current by the registry's clock (`exp`,
//! `nbf`, `iat`, with a minute's leeway for clock skew). What the claims *mean* — which repository,
//! which workflow — is the policy's business (`wharf_policy::trusted_publishing`); this crate only
//! says who signed what.
//!
//! The clock is passed in rather than read, so a registry whose clock a test moved ahead judges
//! expiry by that clock, like everything else it does.

use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// How far a token's times may be off the registry's clock and still count: CI runners and the
/// issuer's clocks drift a little.
pub const LEEWAY_SECONDS: i64 = 60;
/// How long an issuer's keys are used before they are fetched again.
const KEYS_KEPT_FOR: Duration = Duration::from_secs(60 * 60);
/// How soon a token signed with a key the set lacks may make the set be fetched again: issuers
/// rotate keys, but a stream of made-up key ids must not become a stream of fetches.
const REFETCH_FOR_UNKNOWN_KEY_AFTER: Duration = Duration::from_secs(60);
/// The signature algorithms accepted: the RSA and ECDSA ones issuers use. Symmetric (HS*) ones
/// would let anyone holding the "public" key sign, so they are never accepted.
const ACCEPTED_ALGORITHMS: [Algorithm; 6] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::ES256,
    Algorithm::ES384,
];

/// Why a token was not accepted. Every variant but [`VerifyError::KeysUnavailable`] is the
/// caller's fault; that one is the issuer's, or the network's.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VerifyError {
    #[error("the token is not a well-formed JWT: {0}")]
    Malformed(String),
    #[error("tokens from the issuer `{0}` are not accepted by this registry")]
    UnknownIssuer(String),
    #[error("the token is signed with the `{0}` algorithm, which this registry does not accept")]
    Algorithm(String),
    #[error("the token does not name its signing key (no `kid` in its header)")]
    NoKeyId,
    #[error("the issuer publishes no key `{0}`")]
    UnknownKey(String),
    #[error("the token's signature does not verify against the issuer's key")]
    BadSignature,
    #[error("the token is meant for another audience, not `{0}`")]
    WrongAudience(String),
    #[error("the token expired")]
    Expired,
    #[error("the token is not valid yet")]
    NotYetValid,
    #[error("the issuer's signing keys could not be fetched: {0}")]
    KeysUnavailable(String),
}

/// A token whose signature, issuer, audience and times were checked.
#[derive(Debug, Clone)]
pub struct Verified {
    pub issuer: String,
    pub claims: serde_json::Map<String, serde_json::Value>,
}

/// Checks tokens from a fixed set of issuers, keeping their keys.
pub struct Verifier {
    client: reqwest::Client,
    issuers: Vec<String>,
    keys: tokio::sync::Mutex<HashMap<String, (Instant, JwkSet)>>,
    /// When fetching an issuer's keys last failed: not tried again for a minute, so an
    /// unreachable issuer does not make every request wait for a fetch.
    failed: std::sync::Mutex<HashMap<String, Instant>>,
}

/// Refuses an issuer or key URL that is not HTTPS, unless it is on this machine (a test's issuer,
/// or a relay the operator runs beside Wharf): keys fetched in the clear could be swapped.
pub fn check_url(url: &str) -> Result<url::Url, String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("`{url}` is not a URL: {e}"))?;
    let loopback = match parsed.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(domain)) => domain == "localhost",
        None => false,
    };
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" if loopback => Ok(parsed),
        _ => Err(format!(
            "`{url}` must be an https:// URL (plain http is allowed only on 127.0.0.1)"
        )),
    }
}

#[derive(Deserialize)]
struct Discovery {
    issuer: String,
    jwks_uri: String,
    authorization_endpoint: Option<String>,
    token_endpoint: Option<String>,
}

/// Where a web sign-in (the authorization-code flow) sends the browser and exchanges the code.
#[derive(Debug, Clone)]
pub struct Endpoints {
    pub authorization: String,
    pub token: String,
}

/// PKCE (RFC 7636): a random verifier kept by the registry, and its S256 challenge sent with the
/// browser, so a code stolen on its way back is useless without the verifier.
pub fn pkce_pair() -> (String, String) {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let verifier = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let challenge = pkce_challenge(&verifier);
    (verifier, challenge)
}

/// The S256 challenge of a PKCE verifier.
pub fn pkce_challenge(verifier: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(verifier.as_bytes()))
}

#[derive(Deserialize)]
struct TokenResponse {
    id_token: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

#[derive(Deserialize)]
struct UnverifiedPayload {
    iss: Option<String>,
}

/// The `iss` of a token, read before its signature is checked: it says which issuer's keys to check
/// the signature with, and nothing else is believed until then.
fn unverified_issuer(token: &str) -> Result<String, VerifyError> {
    use base64::Engine;
    let mut parts = token.split('.');
    let (Some(_), Some(payload), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(VerifyError::Malformed(
            "a JWT has three dot-separated parts".into(),
        ));
    };
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|e| VerifyError::Malformed(format!("its payload is not base64url: {e}")))?;
    let payload: UnverifiedPayload = serde_json::from_slice(&bytes)
        .map_err(|e| VerifyError::Malformed(format!("its payload is not a JSON object: {e}")))?;
    payload
        .iss
        .ok_or_else(|| VerifyError::Malformed("it has no `iss` claim".into()))
}

/// Checks the token's times against `now` (seconds since the epoch).
fn check_times(
    claims: &serde_json::Map<String, serde_json::Value>,
    now: i64,
) -> Result<(), VerifyError> {
    let time = |name: &str| -> Result<Option<i64>, VerifyError> {
        match claims.get(name) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(value) => value
                .as_i64()
                .or_else(|| value.as_f64().map(|f| f as i64))
                .map(Some)
                .ok_or_else(|| VerifyError::Malformed(format!("`{name}` is not a number"))),
        }
    };
    let exp = time("exp")?.ok_or_else(|| VerifyError::Malformed("it has no `exp`".into()))?;
    if now > exp + LEEWAY_SECONDS {
        return Err(VerifyError::Expired);
    }
    for not_before in [time("nbf")?, time("iat")?].into_iter().flatten() {
        if not_before > now + LEEWAY_SECONDS {
            return Err(VerifyError::NotYetValid);
        }
    }
    Ok(())
}

impl Verifier {
    /// A verifier for tokens from `issuers` (their `iss` values, which are also the base URLs of
    /// their discovery documents).
    pub fn new(issuers: Vec<String>) -> Result<Verifier, String> {
        for issuer in &issuers {
            check_url(issuer)?;
        }
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .user_agent(concat!("wharf/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("the HTTP client could not be built: {e}"))?;
        Ok(Verifier {
            client,
            issuers,
            keys: tokio::sync::Mutex::new(HashMap::new()),
            failed: std::sync::Mutex::new(HashMap::new()),
        })
    }

    /// Verifies `token` for `audience` at `now` (seconds since the epoch).
    pub async fn verify(
        &self,
        token: &str,
        audience: &str,
        now: i64,
    ) -> Result<Verified, VerifyError> {
        let token = token.trim();
        let issuer = unverified_issuer(token)?;
        if !self.issuers.contains(&issuer) {
            return Err(VerifyError::UnknownIssuer(issuer));
        }
        let header = jsonwebtoken::decode_header(token)
            .map_err(|e| VerifyError::Malformed(format!("its header is unreadable: {e}")))?;
        if !ACCEPTED_ALGORITHMS.contains(&header.alg) {
            return Err(VerifyError::Algorithm(format!("{:?}", header.alg)));
        }
        let kid = header.kid.ok_or(VerifyError::NoKeyId)?;
        let jwk = self.key(&issuer, &kid).await?;
        // A key published for one algorithm is not used with another the token asks for.
        if let Some(key_algorithm) = jwk.common.key_algorithm {
            if format!("{key_algorithm:?}") != format!("{:?}", header.alg) {
                return Err(VerifyError::BadSignature);
            }
        }
        let key = DecodingKey::from_jwk(&jwk).map_err(|_| VerifyError::UnknownKey(kid.clone()))?;
        let mut validation = Validation::new(header.alg);
        validation.set_issuer(&[&issuer]);
        validation.set_audience(&[audience]);
        // Times are checked against the registry's clock below, not the system's.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.required_spec_claims = ["exp", "iss", "aud"].map(String::from).into();
        let data = jsonwebtoken::decode::<serde_json::Map<String, serde_json::Value>>(
            token,
            &key,
            &validation,
        )
        .map_err(|error| match error.kind() {
            jsonwebtoken::errors::ErrorKind::InvalidSignature => VerifyError::BadSignature,
            jsonwebtoken::errors::ErrorKind::InvalidAudience => {
                VerifyError::WrongAudience(audience.to_string())
            }
            jsonwebtoken::errors::ErrorKind::MissingRequiredClaim(claim) => {
                VerifyError::Malformed(format!("it has no `{claim}` claim"))
            }
            other => VerifyError::Malformed(format!("{other:?}")),
        })?;
        check_times(&data.claims, now)?;
        Ok(Verified {
            issuer,
            claims: data.claims,
        })
    }

    /// The issuer's authorization and token endpoints, from its discovery document.
    pub async fn endpoints(&self, issuer: &str) -> Result<Endpoints, VerifyError> {
        let discovery = self
            .discovery(issuer)
            .await
            .map_err(VerifyError::KeysUnavailable)?;
        match (discovery.authorization_endpoint, discovery.token_endpoint) {
            (Some(authorization), Some(token)) => {
                for url in [&authorization, &token] {
                    check_url(url).map_err(VerifyError::KeysUnavailable)?;
                }
                Ok(Endpoints {
                    authorization,
                    token,
                })
            }
            _ => Err(VerifyError::KeysUnavailable(format!(
                "{issuer} publishes no authorization or token endpoint"
            ))),
        }
    }

    /// Exchanges an authorization code for the ID token (client authentication by
    /// `client_secret_post`, with the PKCE verifier).
    pub async fn exchange_code(
        &self,
        token_endpoint: &str,
        client_id: &str,
        client_secret: &str,
        code: &str,
        redirect_uri: &str,
        verifier: &str,
    ) -> Result<String, String> {
        let response = self
            .client
            .post(token_endpoint)
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", redirect_uri),
                ("client_id", client_id),
                ("client_secret", client_secret),
                ("code_verifier", verifier),
            ])
            .send()
            .await
            .map_err(|e| format!("{token_endpoint}: {e}"))?;
        let status = response.status();
        let body: TokenResponse = response
            .json()
            .await
            .map_err(|e| format!("{token_endpoint} sent unreadable JSON ({status}): {e}"))?;
        match body.id_token {
            Some(token) if status.is_success() => Ok(token),
            _ => Err(format!(
                "the provider refused the code ({status}): {} {}",
                body.error.unwrap_or_default(),
                body.error_description.unwrap_or_default()
            )),
        }
    }

    /// The issuer's key `kid`, from the kept set or a fresh one.
    async fn key(&self, issuer: &str, kid: &str) -> Result<Jwk, VerifyError> {
        let mut keys = self.keys.lock().await;
        let refetch = match keys.get(issuer) {
            None => true,
            Some((at, set)) => {
                at.elapsed() > KEYS_KEPT_FOR
                    || (set.find(kid).is_none() && at.elapsed() > REFETCH_FOR_UNKNOWN_KEY_AFTER)
            }
        };
        let failed_lately = self
            .failed
            .lock()
            .expect("not poisoned")
            .get(issuer)
            .is_some_and(|at| at.elapsed() < REFETCH_FOR_UNKNOWN_KEY_AFTER);
        if refetch && failed_lately && !keys.contains_key(issuer) {
            return Err(VerifyError::KeysUnavailable(
                "the last attempt failed a moment ago".into(),
            ));
        }
        if refetch && !failed_lately {
            let fetched = self.fetch_keys(issuer).await;
            if fetched.is_err() {
                self.failed
                    .lock()
                    .expect("not poisoned")
                    .insert(issuer.to_string(), Instant::now());
            }
            match fetched {
                Ok(set) => {
                    keys.insert(issuer.to_string(), (Instant::now(), set));
                }
                // Old keys still verify old tokens while the issuer is unreachable.
                Err(error) if keys.contains_key(issuer) => {
                    tracing::warn!(issuer, %error, "the issuer's keys could not be refreshed")
                }
                Err(error) => return Err(VerifyError::KeysUnavailable(error)),
            }
        }
        keys.get(issuer)
            .and_then(|(_, set)| set.find(kid).cloned())
            .ok_or_else(|| VerifyError::UnknownKey(kid.to_string()))
    }

    async fn discovery(&self, issuer: &str) -> Result<Discovery, String> {
        let discovery_url = format!(
            "{}/.well-known/openid-configuration",
            issuer.trim_end_matches('/')
        );
        let discovery: Discovery = self.get_json(&discovery_url).await?;
        if discovery.issuer != issuer {
            return Err(format!(
                "the discovery document names the issuer `{}`, not `{issuer}`",
                discovery.issuer
            ));
        }
        Ok(discovery)
    }

    async fn fetch_keys(&self, issuer: &str) -> Result<JwkSet, String> {
        let discovery = self.discovery(issuer).await?;
        check_url(&discovery.jwks_uri)?;
        self.get_json(&discovery.jwks_uri).await
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, String> {
        let response = self
            .client
            .get(url)
            .send()
            .await
            .map_err(|e| format!("{url}: {e}"))?;
        if !response.status().is_success() {
            return Err(format!("{url} answered {}", response.status()));
        }
        response
            .json()
            .await
            .map_err(|e| format!("{url} sent unreadable JSON: {e}"))
    }
}

#[cfg(test)]
mod tests;

#[cfg(feature = "test-issuer")]
pub mod test_issuer;
