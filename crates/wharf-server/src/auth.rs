//! Who is calling: API tokens from the `Authorization` header, checked against the database on every
//! request, and the private-mode gate that keeps anonymous clients out of everything.

use crate::error::ApiError;
use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, SocketAddr};
use wharf_registry::Principal;
use wharf_store::{Actor, TokenRecord, UserRecord};

/// An authenticated caller.
#[derive(Clone)]
pub struct Caller {
    pub user: UserRecord,
    pub token: TokenRecord,
    pub ip: Option<String>,
}

impl Caller {
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: Some(self.user.id),
            token_id: Some(self.token.id),
            session_id: None,
            ip: self.ip.clone(),
        }
    }

    /// The caller as the registry's use-cases take it: the account, acting with this token.
    pub fn principal(&self) -> Principal {
        Principal {
            user: self.user.clone(),
            token: Some(self.token.clone()),
            actor: self.actor(),
            trusted_publishing_token: None,
        }
    }
}

pub(crate) fn token_from_headers(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    // cargo sends the bare token; other clients often send `Bearer TOKEN`.
    let token = value.strip_prefix("Bearer ").unwrap_or(value).trim();
    (!token.is_empty()).then_some(token)
}

/// The client's address: the connection's peer, or — only when the operator says a proxy is in
/// front (`behind_proxy`) — the address that proxy appended last to `X-Forwarded-For`. Earlier
/// entries are whatever the client claimed and are never trusted.
pub fn client_address(state: &AppState, request: &Request) -> Option<IpAddr> {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    wharf_registry::client_address(state.config.behind_proxy, request.headers(), peer)
}

/// Remembers the client's address on the request, for the audit log.
#[derive(Clone, Copy)]
pub struct ClientAddress(pub Option<IpAddr>);

/// How the audit log names a caller with no account, whose request is its own credential (a
/// signed report, a CI job's JWT): by its address.
pub(crate) fn anonymous_actor(address: Option<axum::Extension<ClientAddress>>) -> Actor {
    Actor {
        ip: address.and_then(|a| a.0 .0).map(|ip| ip.to_string()),
        ..Default::default()
    }
}

/// The response to a request that needs credentials and has none: 401 with the header that tells
/// cargo to send its token and where a person gets one.
pub fn unauthenticated(state: &AppState, detail: &str) -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, detail).with_header(
        header::WWW_AUTHENTICATE,
        &format!("Cargo login_url=\"{}/me\"", state.config.public_url),
    )
}

/// Authenticates the request's token; a missing token is 401, an unknown, expired or revoked one 403.
/// Handlers that need a signed-in caller take a `Caller` argument.
impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        let ip = parts.extensions.get::<ClientAddress>().and_then(|a| a.0);
        // In private mode the gate has already checked the token on this request: reuse it.
        if let Some(mut caller) = parts.extensions.remove::<Caller>() {
            caller.ip = ip.map(|ip| ip.to_string());
            return Ok(caller);
        }
        authenticate(state, &parts.headers, ip).await
    }
}

async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
    ip: Option<IpAddr>,
) -> Result<Caller, ApiError> {
    let Some(secret) = token_from_headers(headers) else {
        return Err(unauthenticated(
            state,
            "this action requires an API token: run `cargo login --registry <name>` with a token from the registry",
        ));
    };
    if wharf_registry::is_trusted_publishing_token(secret) {
        return Err(ApiError::forbidden(
            "a trusted publishing token can only publish the crates it was made for (and read \
             the registry); this needs an owner's API token",
        ));
    }
    match state.db.authenticate_token(secret).await? {
        Some((_, user)) if user.terminated_at.is_some() => Err(ApiError::forbidden(
            "this account was terminated by the registry's moderators; its credentials no longer work",
        )),
        Some((_, user)) if user.suspended_at(wharf_store::now_millis()).is_some() => {
            let suspension = user
                .suspended_at(wharf_store::now_millis())
                .expect("checked above");
            let until = match suspension.until {
                Some(until) => format!("until {}", wharf_store::rfc3339(until)),
                None => "until the moderators lift it".to_string(),
            };
            Err(ApiError::forbidden(format!(
                "this account is suspended {until}: {}",
                suspension.reason
            )))
        }
        Some((token, user)) => Ok(Caller {
            user,
            token,
            ip: ip.map(|ip| ip.to_string()),
        }),
        None => Err(ApiError::forbidden(
            "the API token is invalid, expired or revoked: create a new token and run `cargo login` again",
        )),
    }
}

/// Where CI jobs exchange their JWT for a publish token, and revoke it.
const TRUSTED_TOKENS_PATH: &str = "/api/v1/trusted_publishing/tokens";

/// In private mode, every route but the health check needs a valid token.
pub async fn private_mode_gate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    // The health check, and GitHub's secret-scanning reports, which carry a signature instead
    // of a token (and revoke tokens: the one thing a private registry wants from outside).
    // And the exchange of a CI job's JWT, which is its own credential.
    let open = matches!(
        request.uri().path(),
        "/health" | "/api/github/secret-scanning/verify"
    ) || (request.method() == Method::POST
        && request.uri().path() == TRUSTED_TOKENS_PATH);
    if state.config.auth_required && !open {
        // A CI job's trusted-publishing token reads the registry and publishes, as the publish
        // it was made for needs; its handlers check what it may publish.
        if let Some(secret) = token_from_headers(request.headers())
            .filter(|secret| wharf_registry::is_trusted_publishing_token(secret))
        {
            let method = request.method().clone();
            let path = request.uri().path();
            let reads = method == Method::GET || method == Method::HEAD;
            let publishes = (method == Method::PUT && path == "/api/v1/crates/new")
                || (method == Method::DELETE && path == TRUSTED_TOKENS_PATH);
            match state.trusted_publishing_token_is_live(secret).await {
                Ok(true) if reads || publishes => return next.run(request).await,
                Ok(true) => {
                    return ApiError::forbidden(
                        "a trusted publishing token can only publish the crates it was made for \
                         (and read the registry)",
                    )
                    .into_response()
                }
                Ok(false) => {
                    return ApiError::forbidden(
                        "the trusted publishing token is invalid, expired or revoked: exchange a \
                         new JWT from the CI job",
                    )
                    .into_response()
                }
                Err(error) => return ApiError::from(error).into_response(),
            }
        }
        match authenticate(&state, request.headers(), None).await {
            // Handed on, so a handler that needs the caller does not look the token up again.
            Ok(caller) => {
                request.extensions_mut().insert(caller);
            }
            Err(error) => return error.into_response(),
        }
    }
    next.run(request).await
}
