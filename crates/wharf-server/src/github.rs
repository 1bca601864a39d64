//! GitHub's secret-scanning partner endpoint, where crates.io serves it:
//! `POST /api/github/secret-scanning/verify`.
//!
//! GitHub finds strings shaped like this registry's tokens (`wharf_…`) in public code and POSTs
//! them here, signed with an ECDSA P-256 key whose public half it publishes (in a list fetched from
//! `secret_scanning_keys_url`, kept for a day). A report whose signature does not verify changes
//! nothing; the tokens in one that does are revoked (`Registry::revoke_exposed_tokens`), and the
//! answer says, for each secret, whether it was one of ours (`true_positive`) or not
//! (`false_positive`), which is the feedback GitHub asks for.

use crate::error::{ApiError, ApiResult};
use crate::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use base64::Engine;
use bytes::Bytes;
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::pkcs8::DecodePublicKey;
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use wharf_registry::{ExposedSecret, Exposure};

/// The header naming the key a report is signed with.
const KEY_IDENTIFIER: &str = "github-public-key-identifier";
/// The header carrying the signature: base64 of an ASN.1 DER ECDSA signature of the body.
const KEY_SIGNATURE: &str = "github-public-key-signature";
/// How long the published keys are trusted before they are fetched again.
const KEYS_KEPT_FOR: Duration = Duration::from_secs(24 * 60 * 60);
/// How soon a report signed with a key the list lacks may make the list be fetched again (GitHub
/// rotates keys; a stream of made-up key ids must not become a stream of fetches).
const REFETCH_FOR_UNKNOWN_KEY_AFTER: Duration = Duration::from_secs(60);
/// The most secrets one report may carry.
const MAX_SECRETS: usize = 1000;

/// GitHub's published signing keys, fetched when first needed and kept.
pub(crate) struct PublicKeys {
    url: String,
    client: reqwest::Client,
    fetched: tokio::sync::Mutex<Option<(Instant, Vec<PublishedKey>)>>,
}

#[derive(Debug, Clone, Deserialize)]
struct PublishedKey {
    key_identifier: String,
    /// PEM, `-----BEGIN PUBLIC KEY-----…`.
    key: String,
    is_current: bool,
}

#[derive(Deserialize)]
struct PublishedKeys {
    public_keys: Vec<PublishedKey>,
}

impl PublicKeys {
    pub(crate) fn new(url: &str) -> PublicKeys {
        PublicKeys {
            url: url.to_string(),
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .user_agent(concat!("wharf/", env!("CARGO_PKG_VERSION")))
                .build()
                .expect("the HTTP client's settings are valid"),
            fetched: tokio::sync::Mutex::new(None),
        }
    }

    /// The published key `id`, fetching the list when it is old, or lacks `id` and was not
    /// fetched a moment ago.
    async fn key(&self, id: &str) -> Result<Option<PublishedKey>, String> {
        let mut fetched = self.fetched.lock().await;
        let find = |keys: &[PublishedKey]| keys.iter().find(|k| k.key_identifier == id).cloned();
        let refetch = match &*fetched {
            None => true,
            Some((at, keys)) => {
                at.elapsed() > KEYS_KEPT_FOR
                    || (find(keys).is_none() && at.elapsed() > REFETCH_FOR_UNKNOWN_KEY_AFTER)
            }
        };
        if refetch {
            let keys = self
                .client
                .get(&self.url)
                .header("Accept", "application/json")
                .send()
                .await
                .and_then(reqwest::Response::error_for_status)
                .map_err(|e| format!("the signing keys could not be fetched: {e}"))?
                .json::<PublishedKeys>()
                .await
                .map_err(|e| format!("the signing keys could not be read: {e}"))?
                .public_keys;
            *fetched = Some((Instant::now(), keys));
        }
        Ok(fetched.as_ref().and_then(|(_, keys)| find(keys)))
    }
}

/// One secret in GitHub's report.
#[derive(Deserialize)]
struct Alert {
    token: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    source: String,
}

/// The answer for one secret, as GitHub reads it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct AlertFeedback {
    token_raw: String,
    token_type: String,
    /// `true_positive` (one of this registry's tokens, now revoked) or `false_positive`.
    label: &'static str,
}

/// `POST /api/github/secret-scanning/verify`: revokes the tokens GitHub found in public.
#[utoipa::path(
    post,
    path = "/api/github/secret-scanning/verify",
    tag = "account",
    request_body(content = String, description = "GitHub's report: a JSON list of {token, type, url, source}, signed in the `Github-Public-Key-Signature` header", content_type = "application/json"),
    responses((status = 200, description = "For each secret, whether it was one of this registry's tokens", body = [AlertFeedback]))
)]
pub async fn secret_scanning_verify(
    State(state): State<AppState>,
    client: Option<axum::Extension<crate::auth::ClientAddress>>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<Vec<AlertFeedback>>> {
    verify_signature(&state, &headers, &body).await?;
    let alerts: Vec<Alert> = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad_request(format!("the report is not a list of secret alerts: {e}"))
    })?;
    if alerts.len() > MAX_SECRETS {
        return Err(ApiError::bad_request(format!(
            "a report may carry at most {MAX_SECRETS} secrets"
        )));
    }
    let secrets: Vec<ExposedSecret> = alerts
        .iter()
        .map(|alert| ExposedSecret {
            secret: alert.token.clone(),
            url: alert.url.clone(),
            source: alert.source.clone(),
        })
        .collect();
    let actor = crate::auth::anonymous_actor(client);
    let answers = state
        .revoke_exposed_tokens("GitHub secret scanning", &secrets, &actor)
        .await?;
    Ok(Json(
        alerts
            .into_iter()
            .zip(answers)
            .map(|(alert, answer)| AlertFeedback {
                token_raw: alert.token,
                token_type: alert.kind,
                label: match answer {
                    Exposure::Token => "true_positive",
                    Exposure::NotOurs => "false_positive",
                },
            })
            .collect(),
    ))
}

/// Checks that `body` is signed by a current published key, as the headers say.
async fn verify_signature(state: &AppState, headers: &HeaderMap, body: &[u8]) -> ApiResult<()> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .ok_or_else(|| ApiError::bad_request(format!("the `{name}` header is missing")))
    };
    let key_id = header(KEY_IDENTIFIER)?;
    let signature = base64::engine::general_purpose::STANDARD
        .decode(header(KEY_SIGNATURE)?)
        .ok()
        .and_then(|der| Signature::from_der(&der).ok())
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "`{KEY_SIGNATURE}` is not a base64 DER ECDSA signature"
            ))
        })?;
    let key = state
        .serving
        .github_keys
        .key(key_id)
        .await
        .map_err(|e| ApiError::new(axum::http::StatusCode::SERVICE_UNAVAILABLE, e))?
        .filter(|key| key.is_current)
        .ok_or_else(|| {
            ApiError::bad_request(format!("`{key_id}` is not a current GitHub signing key"))
        })?;
    let key = VerifyingKey::from_public_key_pem(&key.key).map_err(|_| {
        ApiError::new(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            format!("GitHub's published key `{key_id}` could not be read"),
        )
    })?;
    key.verify(body, &signature)
        .map_err(|_| ApiError::bad_request("the report's signature does not verify"))
}
